package dev.otpsim.metrics;

import java.util.List;

/**
 * Columns of {@code timeseries.csv}: one row per metrics window (simulated time), appended as
 * each window closes so a killed run keeps what it measured. Per-channel columns repeat for
 * sms, email and voice, in that order.
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

    public static final List<String> CHANNELS = List.of("sms", "email", "voice");

    /** The header line, in column order. */
    public static List<String> header() {
        List<String> h = new java.util.ArrayList<>(List.of(WINDOW_START_MS, WINDOW_END_MS, JOURNEYS_STARTED,
                JOURNEYS_ENDED, SUCCESSES, SENDS, FIRST_SENDS, RETRY_SENDS, RETRY_RATIO, SEND_AMPLIFICATION,
                SUBMISSIONS, STALE_SUBMISSIONS, LOCKOUTS, IN_STORM));
        for (String c : CHANNELS) {
            h.add(BACKLOG_PREFIX + c);
        }
        for (String c : CHANNELS) {
            h.add(DELIVERY_P95_PREFIX + c);
        }
        for (String c : CHANNELS) {
            h.add(DELIVERED_PREFIX + c);
        }
        return h;
    }
}
