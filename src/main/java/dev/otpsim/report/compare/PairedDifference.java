package dev.otpsim.report.compare;

import dev.otpsim.metrics.Intervals;

/**
 * A variant's figure minus the baseline's, replication by replication: both ran with the same
 * seeds, so the same people met the same carrier luck (common random numbers), and the spread
 * of the differences is the policy's effect plus what noise is left — much less than the spread
 * of either figure alone. The interval is Student t over the per-replication differences.
 *
 * <pre>{@code
 * PairedDifference d = PairedDifference.of(variantValues, baselineValues);
 * if (d.withinNoise()) show("≈"); else show(d.mean() + " [" + d.low() + ", " + d.high() + "]");
 * }</pre>
 *
 * @param mean      mean of the per-replication differences
 * @param low       lower end of its 95 % interval, or NaN with fewer than two replications
 * @param high      upper end of its 95 % interval, or NaN with fewer than two replications
 * @param pairs     replications paired
 */
public record PairedDifference(double mean, double low, double high, int pairs) {

    /** Pairs replication i of the variant with replication i of the baseline (NaNs dropped). */
    public static PairedDifference of(double[] variant, double[] baseline) {
        int n = Math.min(variant.length, baseline.length);
        double[] d = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            double x = variant[i] - baseline[i];
            if (!Double.isNaN(x)) {
                d[k++] = x;
            }
        }
        if (k == 0) {
            return new PairedDifference(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double mean = 0;
        for (int i = 0; i < k; i++) {
            mean += d[i];
        }
        mean /= k;
        if (k < 2) {
            return new PairedDifference(mean, Double.NaN, Double.NaN, k);
        }
        double ss = 0;
        for (int i = 0; i < k; i++) {
            ss += (d[i] - mean) * (d[i] - mean);
        }
        double half = Intervals.tQuantile(k - 1) * Math.sqrt(ss / (k - 1)) / Math.sqrt(k);
        return new PairedDifference(mean, mean - half, mean + half, k);
    }

    public boolean hasInterval() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    /**
     * Whether the difference cannot be told from noise: its interval holds zero, or there is no
     * interval to tell (one replication).
     */
    public boolean withinNoise() {
        return !hasInterval() || (low <= 0 && high >= 0);
    }
}
