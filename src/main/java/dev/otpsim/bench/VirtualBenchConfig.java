package dev.otpsim.bench;

/**
 * What {@code otpsim bench --virtual} runs. Every part is bounded; a part with a zero size is skipped.
 *
 * @param scenario             the population whose speed is measured (the quickstart's by default)
 * @param journeys             journeys per speed run (the scenario's load stretched at its own rate)
 * @param warmups              speed runs first, reported apart and not counted: they pay for JIT compilation
 * @param runs                 speed runs counted: their median, range and n are the figures (0 skips the part)
 * @param memoryJourneys       journeys of each live-heap run (0 skips them)
 * @param memoryRuns           live-heap runs
 * @param sweep                the sweep file of the comparison part
 * @param compareReplications  replications per variant of the comparison
 * @param compareJourneys      journeys per replication of the comparison (its base scenario's load stretched)
 * @param compareRuns          whole comparisons, one after another (0 skips the part)
 */
public record VirtualBenchConfig(String scenario, long journeys, int warmups, int runs, long memoryJourneys,
                                 int memoryRuns, String sweep, int compareReplications, long compareJourneys,
                                 int compareRuns) {

    /** Issue 9's goals as written: the quickstart population, and 20 × 100,000 journeys per variant. */
    public static final VirtualBenchConfig DEFAULTS = new VirtualBenchConfig("scenarios/quickstart.conf", 1_000_000, 2,
            5, 2_000_000, 3, "scenarios/compare-resend-wait.conf", 20, 100_000, 3);

    public VirtualBenchConfig {
        check("journeys", journeys, 1_000, dev.otpsim.config.Limits.MAX_JOURNEYS, runs == 0);
        check("warm-up runs", warmups, 0, 20, false);
        check("runs", runs, 0, 50, false);
        check("memory journeys", memoryJourneys, 1_000, dev.otpsim.config.Limits.MAX_JOURNEYS, memoryJourneys == 0);
        check("memory runs", memoryRuns, 1, 20, memoryJourneys == 0);
        check("compare runs", compareRuns, 0, 20, false);
        check("compare replications", compareReplications, 1, 1_000, compareRuns == 0);
        check("compare journeys", compareJourneys, 100, dev.otpsim.config.Limits.MAX_JOURNEYS, compareRuns == 0);
        if (compareRuns > 0 && (long) compareReplications * compareJourneys > dev.otpsim.config.Limits.MAX_JOURNEYS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "compare replications × journeys must be at most %,d per variant, got %,d",
                    dev.otpsim.config.Limits.MAX_JOURNEYS, (long) compareReplications * compareJourneys));
        }
    }

    private static void check(String what, double v, double min, double max, boolean unused) {
        if (!unused && !(v >= min && v <= max)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s must be in [%,.0f, %,.0f], got %s",
                    what, min, max, v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v)));
        }
    }
}
