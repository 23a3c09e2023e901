package dev.otpsim.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything one {@code otpsim bench} measured, as written to {@code bench.json}.
 *
 * @param startedAt  ISO-8601 wall-clock start
 * @param machine    Java, OS, cores and max heap of the JVM that ran it
 * @param loadAverage the machine's 1-minute load average at the start and at the end (other work on
 *                   the machine moves every figure: note it beside them)
 * @param config     what was run
 * @param ladder     one result per rung, in the order run
 * @param memory     the memory runs, or null if skipped
 * @param timer      the carrier timer measurement, or null if skipped
 * @param baseline   the plain-Gatling baseline, or null if skipped
 * @param scenarios  the robustness check, one per scenario file (empty if none asked)
 * @param goals      the performance goals next to the measured figure, for the reader
 */
public record BenchResult(String startedAt, Map<String, String> machine, List<Double> loadAverage, BenchConfig config,
                          List<RungResult> ladder, MemorySummary memory, TimerResult timer, BaselineResult baseline,
                          List<ScenarioCheck> scenarios, List<Goal> goals) {

    /** One goal and where this run stands. {@code met} is null when this bench did not measure it. */
    public record Goal(String goal, String measured, Boolean met) {
    }
}
