package dev.otpsim.metrics;

/**
 * A figure with how much it can be trusted: its value, the sample it rests on and a 95 %
 * interval. {@code low}/{@code high} are null when the run cannot give one (say so, never pretend):
 * e.g. a count of storms from a single replication.
 *
 * @param value  the figure
 * @param n      what it was computed from: journeys, submissions, values of a percentile, or
 *               replications for an across-replication interval
 * @param low    lower end of the 95 % interval, or null
 * @param high   upper end of the 95 % interval, or null
 * @param method how the interval was made: {@code wilson} (a share), {@code order-statistics} (a
 *               percentile of one run), {@code normal} (a mean over journeys), {@code replications}
 *               (Student t over per-replication values), or {@code none}
 */
public record Estimate(double value, long n, Double low, Double high, String method) {

    public static final String WILSON = "wilson";
    public static final String ORDER_STATISTICS = "order-statistics";
    public static final String NORMAL = "normal";
    public static final String REPLICATIONS = "replications";
    public static final String NONE = "none";

    public static Estimate without(double value, long n) {
        return new Estimate(value, n, null, null, NONE);
    }

    public boolean hasInterval() {
        return low != null && high != null;
    }

    /** Whether {@code x} lies inside the interval (false when there is none). */
    public boolean covers(double x) {
        return hasInterval() && x >= low && x <= high;
    }

    public double width() {
        return hasInterval() ? high - low : Double.NaN;
    }
}
