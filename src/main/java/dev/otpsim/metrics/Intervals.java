package dev.otpsim.metrics;

import org.HdrHistogram.Histogram;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The 95 % intervals behind every headline figure (README, "How much to trust a figure").
 * <ul>
 *   <li>a share of journeys or submissions: Wilson score interval — well behaved near 0 and 1,
 *       where most failure shares live;</li>
 *   <li>a percentile of one run: the distribution-free order-statistic interval (the ranks a
 *       binomial(n, q) count puts around the percentile), read off the histogram;</li>
 *   <li>a mean over journeys (sends per journey): normal approximation;</li>
 *   <li>anything over replications (different seeds): Student t over the per-replication values,
 *       the only honest interval for figures whose journeys influence each other (congestion,
 *       storms).</li>
 * </ul>
 */
public final class Intervals {
    private static final double Z = 1.959963984540054;

    private Intervals() {
    }

    /** Wilson interval of {@code successes / n}. */
    public static Estimate wilson(long successes, long n) {
        if (n <= 0) {
            return Estimate.without(0.0, 0);
        }
        double p = (double) successes / n;
        double z2 = Z * Z;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denom;
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
        return new Estimate(p, n, Math.max(0.0, centre - half), Math.min(1.0, centre + half), Estimate.WILSON);
    }

    /**
     * The {@code q}-th quantile (0..1) of the values in {@code h}, with the order-statistic
     * interval: values of ranks {@code l} and {@code u} such that P(l ≤ B < u) ≥ 95 % for
     * B ~ binomial(n, q). Null ends when n is too small for one.
     */
    public static Estimate percentile(Histogram h, double q, double scale) {
        long n = h.getTotalCount();
        if (n == 0) {
            return Estimate.without(0.0, 0);
        }
        double value = h.getValueAtPercentile(q * 100) / scale;
        if (n < 5) {
            return Estimate.without(value, n);
        }
        BinomialDistribution b = new BinomialDistribution(null, (int) Math.min(Integer.MAX_VALUE, n), q);
        long lowRank = Math.max(1, b.inverseCumulativeProbability(0.025));
        long highRank = Math.min(n, b.inverseCumulativeProbability(0.975) + 1);
        double low = valueAtRank(h, lowRank) / scale;
        double high = valueAtRank(h, highRank) / scale;
        return new Estimate(value, n, Math.min(low, value), Math.max(high, value), Estimate.ORDER_STATISTICS);
    }

    /** Mean of a per-journey count from its sum and sum of squares over n journeys. */
    public static Estimate mean(double sum, double sumOfSquares, long n) {
        if (n <= 0) {
            return Estimate.without(0.0, 0);
        }
        double mean = sum / n;
        if (n < 2) {
            return Estimate.without(mean, n);
        }
        double variance = Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1));
        double half = Z * Math.sqrt(variance / n);
        return new Estimate(mean, n, mean - half, mean + half, Estimate.NORMAL);
    }

    /**
     * Student t interval of the mean of per-replication values; the reported value is
     * {@code pooled} (e.g. the share over all replications' journeys), which the interval is
     * centred on when it differs little from the mean.
     */
    public static Estimate replications(double pooled, double[] perReplication) {
        int r = perReplication.length;
        if (r < 2) {
            return Estimate.without(pooled, r);
        }
        double mean = 0;
        for (double v : perReplication) {
            mean += v;
        }
        mean /= r;
        double ss = 0;
        for (double v : perReplication) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (r - 1));
        double half = tQuantile(r - 1) * sd / Math.sqrt(r);
        return new Estimate(pooled, r, pooled - half, pooled + half, Estimate.REPLICATIONS);
    }

    /** The 97.5 % quantile of Student t with {@code df} degrees of freedom. */
    public static double tQuantile(int df) {
        return new TDistribution(null, df).inverseCumulativeProbability(0.975);
    }

    /** The wider of two intervals of one figure (keeping {@code a}'s value). */
    public static Estimate wider(Estimate a, Estimate b) {
        if (!b.hasInterval() || (a.hasInterval() && a.width() >= b.width())) {
            return a;
        }
        double half = b.width() / 2;
        return new Estimate(a.value(), b.n(), a.value() - half, a.value() + half, b.method());
    }

    private static double valueAtRank(Histogram h, long rank) {
        double percentile = Math.min(100.0, 100.0 * rank / h.getTotalCount());
        return h.getValueAtPercentile(percentile);
    }
}
