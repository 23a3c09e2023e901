package dev.otpsim.target;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happens to earlier codes when a person asks for another one.
 *
 * <ul>
 *   <li>{@link #LATEST_ONLY} — a new send invalidates older codes (Auth0-style): a late SMS
 *       carrying the first code is stale when typed.</li>
 *   <li>{@link #ANY_UNEXPIRED} — every unexpired code works.</li>
 *   <li>{@link #SAME_CODE} — a resend re-sends the current code until it expires (Twilio Verify);
 *       only then is a fresh one issued.</li>
 * </ul>
 */
public enum Rotation {
    LATEST_ONLY("latest-only"),
    ANY_UNEXPIRED("any-unexpired"),
    SAME_CODE("same-code");

    private final String id;

    Rotation(String id) {
        this.id = id;
    }

    /** The word used in scenario files and reports. */
    public String id() {
        return id;
    }

    /** Scenario words to values, for {@link dev.otpsim.config.Section#choice}. */
    public static Map<String, Rotation> byId() {
        Map<String, Rotation> m = new LinkedHashMap<>();
        for (Rotation r : values()) {
            m.put(r.id, r);
        }
        return m;
    }

    @Override
    public String toString() {
        return id;
    }
}
