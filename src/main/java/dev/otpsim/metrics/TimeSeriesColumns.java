package dev.otpsim.metrics;

import dev.otpsim.handset.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code timeseries.csv}: one row per metrics window (simulated time), appended as each window
 * closes so a killed run keeps what it measured. The one place that knows the column order: it
 * names the columns and writes the rows. Per-channel columns repeat for every channel, in
 * {@link Channel} order.
 */
public final class TimeSeriesColumns {
    private TimeSeriesColumns() {
    }

    public static final String WINDOW_START_MS = "windowStartMs";
    public static final String WINDOW_END_MS = "windowEndMs";
    public static final String JOURNEYS_STARTED = "journeysStarted";
    public static final String JOURNEYS_ENDED = "journeysEnded";
    public static final String SUCCESSES = "successes";
    public static final String SENDS = "sends";
    public static final String FIRST_SENDS = "firstSends";
    public static final String RETRY_SENDS = "retrySends";
    public static final String RETRY_RATIO = "retryRatio";
    public static final String SEND_AMPLIFICATION = "sendAmplification";
    public static final String SUBMISSIONS = "submissions";
    public static final String STALE_SUBMISSIONS = "staleSubmissions";
    public static final String LOCKOUTS = "lockouts";
    public static final String IN_STORM = "inStorm";
    /** Prefixes followed by a channel id, e.g. {@code backlog_sms}, {@code deliveryP95Ms_sms}. */
    public static final String BACKLOG_PREFIX = "backlog_";
    public static final String DELIVERY_P95_PREFIX = "deliveryP95Ms_";
    public static final String DELIVERED_PREFIX = "delivered_";

    /** Channel ids of the per-channel columns, in column order. */
    public static final List<String> CHANNELS = java.util.Arrays.stream(Channel.values()).map(Channel::id).toList();

    /** The header line's columns, in order. */
    public static List<String> header() {
        List<String> h = new ArrayList<>(List.of(WINDOW_START_MS, WINDOW_END_MS, JOURNEYS_STARTED,
                JOURNEYS_ENDED, SUCCESSES, SENDS, FIRST_SENDS, RETRY_SENDS, RETRY_RATIO, SEND_AMPLIFICATION,
                SUBMISSIONS, STALE_SUBMISSIONS, LOCKOUTS, IN_STORM));
        for (String prefix : List.of(BACKLOG_PREFIX, DELIVERY_P95_PREFIX, DELIVERED_PREFIX)) {
            for (Channel c : Channel.values()) {
                h.add(prefix + c.id());
            }
        }
        return h;
    }

    /** A window's row, in the header's order (channels not in play show 0). */
    public static String row(WindowSample w, boolean inStorm) {
        StringBuilder b = new StringBuilder(160);
        b.append(w.startMillis()).append(',').append(w.endMillis()).append(',')
                .append(w.journeysStarted()).append(',').append(w.journeysEnded()).append(',')
                .append(w.successes()).append(',').append(w.sends()).append(',')
                .append(w.firstSends()).append(',').append(w.retrySends()).append(',')
                .append(fmt(w.retryRatio())).append(',').append(fmt(w.sendAmplification())).append(',')
                .append(w.submissions()).append(',').append(w.staleSubmissions()).append(',')
                .append(w.lockouts()).append(',').append(inStorm ? 1 : 0);
        for (Channel c : Channel.values()) {
            b.append(',').append(w.backlog(c));
        }
        for (Channel c : Channel.values()) {
            b.append(',').append(w.deliveryP95(c));
        }
        for (Channel c : Channel.values()) {
            b.append(',').append(w.delivered(c));
        }
        return b.toString();
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.4f", d);
    }
}
