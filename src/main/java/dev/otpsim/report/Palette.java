package dev.otpsim.report;

import java.awt.Color;
import java.util.Map;

/**
 * The one place colours are chosen, so a channel or an outcome has the same colour on every chart
 * of every report and comparison. Good outcomes are green, the failures the tool exists to expose
 * (stale codes, locks) warm colours, neutral endings grey.
 */
public final class Palette {
    private Palette() {
    }

    private static final Map<String, Color> CHANNELS = Map.of(
            "sms", new Color(0x1f77b4),
            "email", new Color(0x2ca02c),
            "voice", new Color(0x9467bd));

    private static final Map<String, Color> OUTCOMES = Map.ofEntries(
            Map.entry("success", new Color(0x2e9d4a)),
            Map.entry("accepted", new Color(0x2e9d4a)),
            Map.entry("stale", new Color(0xf28e2b)),
            Map.entry("expired", new Color(0xb07aa1)),
            Map.entry("mistyped", new Color(0xedc948)),
            Map.entry("locked", new Color(0xd62728)),
            Map.entry("locked-out", new Color(0xd62728)),
            Map.entry("rate-limited", new Color(0x9c755f)),
            Map.entry("abandoned", new Color(0x8c8c8c)),
            Map.entry("recovery", new Color(0x7b2d26)),
            Map.entry("totp-rolled-over", new Color(0xe8a33d)),
            Map.entry("totp-skewed", new Color(0xc77c1e)),
            Map.entry("totp-replayed", new Color(0x9e4a0f)),
            Map.entry("error", new Color(0x3b3b3b)));

    /** Series that are not a channel or an outcome, e.g. the second knob's values, in order. */
    private static final Color[] SERIES = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    };

    public static final Color JOURNEYS = new Color(0x4e79a7);
    public static final Color SENDS = new Color(0xe15759);
    public static final Color RETRY_RATIO = new Color(0xe15759);
    public static final Color THRESHOLD = new Color(0x555555);
    public static final Color TIME_TO_SIGN_IN = new Color(0x4e79a7);
    /** Translucent, so the lines drawn over a storm stay readable. */
    public static final Color STORM = new Color(255, 160, 60, 60);
    /** Carrier faults (outages, capacity drops): grey, so a storm's orange stands out against them. */
    public static final Color FAULT = new Color(90, 90, 90, 45);
    public static final Color FAULT_EDGE = new Color(90, 90, 90, 140);

    public static Color channel(String channel) {
        return CHANNELS.getOrDefault(channel, Color.DARK_GRAY);
    }

    public static Color outcome(String outcome) {
        return OUTCOMES.getOrDefault(outcome, new Color(0x4e79a7));
    }

    public static Color series(int i) {
        return SERIES[i % SERIES.length];
    }
}
