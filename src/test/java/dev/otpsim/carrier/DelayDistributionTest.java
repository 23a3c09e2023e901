package dev.otpsim.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.carrier.impairment.Delay;
import dev.otpsim.distribution.DurationDistribution;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each delay type, read from a scenario and sampled 100k times with a fixed seed, has the
 * quantiles it was configured with.
 *
 * <p>Tolerance: the empirical q-quantile of n draws lies, with overwhelming probability, between
 * the true quantiles at q ± 4·sqrt(q(1−q)/n) (the order statistic's binomial spread), ±1 ms for
 * rounding to whole milliseconds. That bound is distribution-free, so every type gets the same test.
 */
class DelayDistributionTest {
    private static final int N = 100_000;
    private static final double[] QS = {0.05, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99};

    @ParameterizedTest
    @ValueSource(strings = {
        "delay = 2s",
        "delay { type = fixed, value = 1500ms }",
        "delay { type = uniform, min = 1s, max = 9s }",
        "delay { type = exponential, mean = 5s }",
        "delay { type = normal, mean = 10s, stddev = 3s }",
        "delay { type = lognormal, median = 4s, sigma = 0.75 }",
        "delay { type = pareto, scale = 2s, shape = 1.5 }",
        "delay { type = percentiles, p50 = 4s, p90 = 10s, p99 = 28s, max = 2m }",
        "delay { type = lognormal, median = 4s, sigma = 1.5, cap = 30s }",
        "delay { type = pareto, scale = 1s, shape = 0.8, cap = 10m }",
    })
    void quantilesMatchTheConfiguredDistribution(String config) {
        DurationDistribution d = delayOf(config);
        long[] draws = draw(d, 20261126L);
        for (double q : QS) {
            double spread = 4 * Math.sqrt(q * (1 - q) / N);
            double lo = d.quantileMillis(Math.max(0, q - spread)) - 1;
            double hi = d.quantileMillis(Math.min(0.999999, q + spread)) + 1;
            long empirical = draws[(int) Math.ceil(q * N) - 1];
            assertTrue(empirical >= lo && empirical <= hi, () -> config + ": p" + q * 100 + " = " + empirical
                    + " ms, expected within [" + lo + ", " + hi + "] (analytic " + d.quantileMillis(q) + ")");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "delay { type = lognormal, median = 4s, sigma = 1.5, cap = 30s }",
        "delay { type = pareto, scale = 1s, shape = 0.8, cap = 10m }",
        "delay { type = normal, mean = 10s, stddev = 30s, cap = 15s }",
    })
    void theCapHolds(String config) {
        DurationDistribution d = delayOf(config);
        double cap = ((DurationDistribution.Capped) d).capMillis();
        long[] draws = draw(d, 7L);
        assertTrue(draws[N - 1] <= cap, "max " + draws[N - 1] + " > cap " + cap);
        // These caps bite: a visible share of draws sits exactly at the cap.
        assertEquals(cap, draws[N - 1], 0.0);
        assertTrue(draws[0] >= 0);
    }

    @org.junit.jupiter.api.Test
    void percentilesHitTheConfiguredFigures() {
        DurationDistribution d = delayOf("delay { type = percentiles, p50 = 4s, p90 = 10s, p99 = 28s, max = 2m }");
        long[] draws = draw(d, 99L);
        assertEquals(4_000, draws[N / 2 - 1], 4_000 * 0.02);
        assertEquals(10_000, draws[(int) (0.9 * N) - 1], 10_000 * 0.02);
        // Above p99 the quantile function climbs 92 s per 1 %: judge p99 by the order-statistic bound.
        double spread = 4 * Math.sqrt(0.99 * 0.01 / N);
        long p99 = draws[(int) (0.99 * N) - 1];
        assertTrue(p99 >= d.quantileMillis(0.99 - spread) - 1 && p99 <= d.quantileMillis(0.99 + spread) + 1,
                "p99 " + p99);
        assertTrue(draws[N - 1] <= 120_000);
    }

    private static DurationDistribution delayOf(String config) {
        CarrierSpec spec = Hocon.sms(config);
        return ((Delay) spec.impairments().get(0)).distribution();
    }

    private static long[] draw(DurationDistribution d, long seed) {
        Delay delay = new Delay(d);
        SplittableRandom rng = new SplittableRandom(seed);
        long[] draws = new long[N];
        for (int i = 0; i < N; i++) {
            draws[i] = delay.sampleMillis(rng);
        }
        Arrays.sort(draws);
        return draws;
    }
}
