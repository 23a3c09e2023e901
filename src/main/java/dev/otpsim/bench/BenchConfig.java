package dev.otpsim.bench;

import java.util.List;

/**
 * What {@code otpsim bench} runs. Every part is bounded in count and time; a part with a zero
 * size is skipped.
 *
 * @param rates          offered real journeys per second, one ladder rung each, run in this order
 * @param rungSeconds    real seconds of load per rung
 * @param memoryRate     real journeys per second of the memory run
 * @param memorySeconds  real seconds of load of the memory run (0 skips it)
 * @param timerMessages  messages of the carrier timer measurement (0 skips it)
 * @param timerRate      messages per real second submitted to the carrier
 * @param timerDelayMs   the carrier's fixed delay (time-scale 1)
 * @param baselineRate    journeys per real second of the plain-Gatling baseline (compared with the rung at
 *                        the same rate, if there is one)
 * @param baselineSeconds real seconds of load of the baseline (0 skips it)
 */
public record BenchConfig(List<Double> rates, double rungSeconds, double memoryRate, double memorySeconds,
                          int timerMessages, double timerRate, long timerDelayMs, double baselineRate,
                          double baselineSeconds) {

    /** The defaults: about 2 minutes on a 2-core machine. */
    public static final BenchConfig DEFAULTS = new BenchConfig(List.of(100.0, 200.0, 400.0, 800.0, 1200.0), 10,
            400, 40, 6_000, 2_000, 100, 1200, 10);

    public BenchConfig {
        rates = List.copyOf(rates);
        for (double r : rates) {
            if (!(r > 0) || r > 100_000) {
                throw new IllegalArgumentException("rates must be in (0, 100000] journeys/s, got " + r);
            }
        }
        check("rung seconds", rungSeconds, 0.5, 600, rates.isEmpty());
        check("memory seconds", memorySeconds, 2, 600, memorySeconds == 0);
        check("memory rate", memoryRate, 1, 100_000, memorySeconds == 0);
        if (timerMessages < 0 || timerMessages > 1_000_000) {
            throw new IllegalArgumentException("timer messages must be in [0, 1000000], got " + timerMessages);
        }
        check("timer rate", timerRate, 1, 100_000, timerMessages == 0);
        check("timer delay ms", timerDelayMs, 1, 60_000, timerMessages == 0);
        check("baseline seconds", baselineSeconds, 0.5, 600, baselineSeconds == 0);
        check("baseline rate", baselineRate, 1, 100_000, baselineSeconds == 0);
    }

    private static void check(String what, double v, double min, double max, boolean unused) {
        if (!unused && !(v >= min && v <= max)) {
            throw new IllegalArgumentException(what + " must be in [" + min + ", " + max + "], got " + v);
        }
    }
}
