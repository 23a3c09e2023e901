package dev.otpsim.bench;

import java.util.List;

/**
 * What {@code otpsim bench} runs. Every part is bounded in count and time; a part with a zero
 * size is skipped.
 *
 * @param rates          offered real journeys per second, one ladder rung each, run in this order
 * @param rungSeconds    real seconds of load per rung
 * @param memoryRate     real journeys per second of the memory runs
 * @param memorySeconds  real seconds of load of each memory run (0 skips them)
 * @param memoryRuns     memory runs, one after another: their spread says how far the figure can be trusted
 * @param timerMessages  messages of the carrier timer measurement (0 skips it)
 * @param timerRate      messages per real second submitted to the carrier
 * @param timerDelayMs   the carrier's fixed delay (time-scale 1)
 * @param baselineRate    journeys per real second of the plain-Gatling baseline (compared with the rung at
 *                        the same rate, if there is one)
 * @param baselineSeconds real seconds of load of the baseline (0 skips it)
 * @param busyCore       keep one core busy with another process for the whole bench
 * @param scenarios      scenario files run with the gatling engine at their own time-scale, each
 *                       checked for harness problems (the robustness check); empty for none
 */
public record BenchConfig(List<Double> rates, double rungSeconds, double memoryRate, double memorySeconds,
                          int memoryRuns, int timerMessages, double timerRate, long timerDelayMs, double baselineRate,
                          double baselineSeconds, boolean busyCore, List<String> scenarios) {

    /** The defaults: about five minutes on a 2-core machine. */
    public static final BenchConfig DEFAULTS = new BenchConfig(List.of(250.0, 500.0, 1000.0, 1500.0, 2000.0, 2500.0),
            10, 1000, 30, 3, 6_000, 2_000, 100, 2000, 10, false, List.of());

    public BenchConfig {
        rates = List.copyOf(rates);
        scenarios = List.copyOf(scenarios);
        for (double r : rates) {
            if (!(r > 0) || r > 100_000) {
                throw new IllegalArgumentException("rates must be in (0, 100000] journeys/s, got " + r);
            }
        }
        check("rung seconds", rungSeconds, 0.5, 600, rates.isEmpty());
        check("memory seconds", memorySeconds, 2, 600, memorySeconds == 0);
        check("memory rate", memoryRate, 1, 100_000, memorySeconds == 0);
        check("memory runs", memoryRuns, 1, 20, memorySeconds == 0);
        if (timerMessages < 0 || timerMessages > 1_000_000) {
            throw new IllegalArgumentException("timer messages must be in [0, 1000000], got " + timerMessages);
        }
        check("timer rate", timerRate, 1, 100_000, timerMessages == 0);
        check("timer delay ms", timerDelayMs, 1, 60_000, timerMessages == 0);
        check("baseline seconds", baselineSeconds, 0.5, 600, baselineSeconds == 0);
        check("baseline rate", baselineRate, 1, 100_000, baselineSeconds == 0);
    }

    // Changed copies, one part each (checked like any config), so a caller names what it changes:
    // BenchConfig.DEFAULTS.withRates(List.of(30.0)).withRungSeconds(1).withMemorySeconds(0)

    public BenchConfig withRates(List<Double> v) {
        return new BenchConfig(v, rungSeconds, memoryRate, memorySeconds, memoryRuns, timerMessages, timerRate, timerDelayMs, baselineRate, baselineSeconds, busyCore, scenarios);
    }

    public BenchConfig withRungSeconds(double v) {
        return new BenchConfig(rates, v, memoryRate, memorySeconds, memoryRuns, timerMessages, timerRate, timerDelayMs, baselineRate, baselineSeconds, busyCore, scenarios);
    }

    public BenchConfig withMemoryRate(double v) {
        return new BenchConfig(rates, rungSeconds, v, memorySeconds, memoryRuns, timerMessages, timerRate, timerDelayMs, baselineRate, baselineSeconds, busyCore, scenarios);
    }

    public BenchConfig withMemorySeconds(double v) {
        return new BenchConfig(rates, rungSeconds, memoryRate, v, memoryRuns, timerMessages, timerRate, timerDelayMs, baselineRate, baselineSeconds, busyCore, scenarios);
    }

    public BenchConfig withMemoryRuns(int v) {
        return new BenchConfig(rates, rungSeconds, memoryRate, memorySeconds, v, timerMessages, timerRate, timerDelayMs, baselineRate, baselineSeconds, busyCore, scenarios);
    }

    public BenchConfig withTimerMessages(int v) {
        return new BenchConfig(rates, rungSeconds, memoryRate, memorySeconds, memoryRuns, v, timerRate, timerDelayMs, baselineRate, baselineSeconds, busyCore, scenarios);
    }

    public BenchConfig withTimerRate(double v) {
        return new BenchConfig(rates, rungSeconds, memoryRate, memorySeconds, memoryRuns, timerMessages, v, timerDelayMs, baselineRate, baselineSeconds, busyCore, scenarios);
    }

    public BenchConfig withTimerDelayMs(long v) {
        return new BenchConfig(rates, rungSeconds, memoryRate, memorySeconds, memoryRuns, timerMessages, timerRate, v, baselineRate, baselineSeconds, busyCore, scenarios);
    }

    public BenchConfig withBaselineRate(double v) {
        return new BenchConfig(rates, rungSeconds, memoryRate, memorySeconds, memoryRuns, timerMessages, timerRate, timerDelayMs, v, baselineSeconds, busyCore, scenarios);
    }

    public BenchConfig withBaselineSeconds(double v) {
        return new BenchConfig(rates, rungSeconds, memoryRate, memorySeconds, memoryRuns, timerMessages, timerRate, timerDelayMs, baselineRate, v, busyCore, scenarios);
    }

    public BenchConfig withBusyCore(boolean v) {
        return new BenchConfig(rates, rungSeconds, memoryRate, memorySeconds, memoryRuns, timerMessages, timerRate, timerDelayMs, baselineRate, baselineSeconds, v, scenarios);
    }

    public BenchConfig withScenarios(List<String> v) {
        return new BenchConfig(rates, rungSeconds, memoryRate, memorySeconds, memoryRuns, timerMessages, timerRate, timerDelayMs, baselineRate, baselineSeconds, busyCore, v);
    }

    private static void check(String what, double v, double min, double max, boolean unused) {
        if (!unused && !(v >= min && v <= max)) {
            throw new IllegalArgumentException(what + " must be in [" + min + ", " + max + "], got " + v);
        }
    }
}
