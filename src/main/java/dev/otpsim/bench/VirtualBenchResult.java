package dev.otpsim.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything one {@code otpsim bench --virtual} measured, as written to {@code virtual-bench.json}.
 * Each figure is a {@link Figure}: median, range and n of the counted runs.
 *
 * @param startedAt        ISO-8601 wall-clock start
 * @param machine          Java, OS, cores and max heap of the JVM that ran it
 * @param loadAverage      the machine's 1-minute load average at the start and at the end
 * @param config           what was run
 * @param warmups          the warm-up speed runs (not counted)
 * @param runs             the counted speed runs
 * @param perCpuSecond     journeys per second of the running thread's CPU time
 * @param perWallSecond    journeys per second of wall time (one thread: one core)
 * @param perProcessCpuSecond journeys per second of the whole process's CPU (GC and JIT threads included)
 * @param allocatedPerJourney bytes the running thread allocated per journey
 * @param memory           the live-heap runs
 * @param retainedPerJourneyDone live heap retained per journey done (bytes), one value per live-heap run
 * @param compare          the whole comparisons
 * @param compareWallSeconds wall seconds of each comparison
 * @param goals            the goals next to the measured figures
 */
public record VirtualBenchResult(String startedAt, Map<String, String> machine, List<Double> loadAverage,
                                 VirtualBenchConfig config, List<VirtualBench.Result> warmups,
                                 List<VirtualBench.Result> runs, Figure perCpuSecond, Figure perWallSecond,
                                 Figure perProcessCpuSecond, Figure allocatedPerJourney, List<MemoryRun> memory,
                                 Figure retainedPerJourneyDone, List<CompareBench.Run> compare,
                                 Figure compareWallSeconds, List<BenchResult.Goal> goals) {

    /**
     * One replication's live heap along its load.
     *
     * @param journeys               journeys of the run
     * @param samples                live heap after a full GC at evenly spaced moments, and at the end
     * @param bytesPerJourneyDone    slope of live heap against journeys ended during the load
     */
    public record MemoryRun(long journeys, List<VirtualBench.HeapSample> samples, double bytesPerJourneyDone) {
    }
}
