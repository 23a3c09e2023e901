package dev.otpsim.distribution;

import java.util.random.RandomGenerator;

/**
 * A distribution of simulated durations: carrier delays, a person's patience and reaction.
 *
 * <p>Every variant samples by inverse transform, one uniform draw per sample, so a seeded
 * generator gives the same sequence of durations on every run, and {@link #quantileMillis}
 * is the exact (analytic) quantile the samples follow. Plain Java: no clock, no actor, no HTTP.
 *
 * <pre>{@code
 * DurationDistribution d = new DurationDistribution.LogNormal(4_000, 0.75);
 * long delay = d.sampleMillis(rng);          // simulated ms
 * double p99 = d.quantileMillis(0.99);       // what the samples' p99 converges to
 * }</pre>
 */
public sealed interface DurationDistribution {

    /** The duration at cumulative probability {@code q} in [0, 1), in simulated ms. */
    double quantileMillis(double q);

    /** One sample in simulated ms, drawing exactly one uniform from {@code rng}. */
    default long sampleMillis(RandomGenerator rng) {
        return Math.max(0L, Math.round(quantileMillis(rng.nextDouble())));
    }

    /** Short human description for reports, e.g. {@code lognormal(median=4s, sigma=0.75)}. */
    String describe();

    /** Always the same duration. */
    record Fixed(double millis) implements DurationDistribution {
        public double quantileMillis(double q) {
            return millis;
        }

        public String describe() {
            return "fixed(" + Durations.show(millis) + ")";
        }
    }

    /** Uniform between {@code min} and {@code max}. */
    record Uniform(double minMillis, double maxMillis) implements DurationDistribution {
        public double quantileMillis(double q) {
            return minMillis + q * (maxMillis - minMillis);
        }

        public String describe() {
            return "uniform(" + Durations.show(minMillis) + ".." + Durations.show(maxMillis) + ")";
        }
    }

    /** Exponential with the given mean (memoryless arrivals). */
    record Exponential(double meanMillis) implements DurationDistribution {
        public double quantileMillis(double q) {
            return -meanMillis * Math.log1p(-q);
        }

        public String describe() {
            return "exponential(mean=" + Durations.show(meanMillis) + ")";
        }
    }

    /** Normal, negative draws clamped to zero. */
    record Normal(double meanMillis, double stddevMillis) implements DurationDistribution {
        public double quantileMillis(double q) {
            return Math.max(0.0, meanMillis + stddevMillis * Gaussian.inverseCdf(q));
        }

        public String describe() {
            return "normal(mean=" + Durations.show(meanMillis) + ", sd=" + Durations.show(stddevMillis) + ")";
        }
    }

    /** Log-normal by its median and the standard deviation {@code sigma} of the log: the long tail of SMS. */
    record LogNormal(double medianMillis, double sigma) implements DurationDistribution {
        public double quantileMillis(double q) {
            return medianMillis * Math.exp(sigma * Gaussian.inverseCdf(q));
        }

        public String describe() {
            return "lognormal(median=" + Durations.show(medianMillis) + ", sigma=" + sigma + ")";
        }
    }

    /** Pareto (type I) with minimum {@code scale} and tail index {@code shape}: heavy incident tails. */
    record Pareto(double scaleMillis, double shape) implements DurationDistribution {
        public double quantileMillis(double q) {
            return scaleMillis / Math.pow(1.0 - q, 1.0 / shape);
        }

        public String describe() {
            return "pareto(scale=" + Durations.show(scaleMillis) + ", shape=" + shape + ")";
        }
    }

    /**
     * Given by measured percentiles: the quantile function is linear between
     * (0, min), (0.5, p50), (0.9, p90), (0.99, p99) and (1, max).
     */
    record Percentiles(double minMillis, double p50Millis, double p90Millis, double p99Millis, double maxMillis)
            implements DurationDistribution {
        private static final double[] Q = {0.0, 0.5, 0.9, 0.99, 1.0};

        public double quantileMillis(double q) {
            double[] v = {minMillis, p50Millis, p90Millis, p99Millis, maxMillis};
            for (int i = 1; i < Q.length; i++) {
                if (q <= Q[i]) {
                    double f = (q - Q[i - 1]) / (Q[i] - Q[i - 1]);
                    return v[i - 1] + f * (v[i] - v[i - 1]);
                }
            }
            return maxMillis;
        }

        public String describe() {
            return "percentiles(p50=" + Durations.show(p50Millis) + ", p90=" + Durations.show(p90Millis)
                    + ", p99=" + Durations.show(p99Millis) + ", max=" + Durations.show(maxMillis) + ")";
        }
    }

    /** Another distribution with every sample limited to {@code cap}. */
    record Capped(DurationDistribution inner, double capMillis) implements DurationDistribution {
        public double quantileMillis(double q) {
            return Math.min(capMillis, inner.quantileMillis(q));
        }

        public String describe() {
            return inner.describe() + " capped at " + Durations.show(capMillis);
        }
    }
}
