package dev.otpsim.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The virtual-time engine's performance goals (issue 9, item 10), judged against what
 * {@code otpsim bench --virtual} measured. As for the harness's {@link Goals}: a figure that could
 * not be measured, or an impossible one, is never "met"; a figure measured on a smaller
 * configuration than the goal's is reported but not judged.
 */
final class VirtualGoals {
    /** Journeys per second on one core, quickstart population. */
    static final double JOURNEYS_PER_CORE_SECOND = 300_000;
    /** A speed run shorter than this is dominated by its set-up: reported, not judged. */
    static final long SPEED_JOURNEYS = 100_000;
    /** compare-resend-wait, 20 replications × 100,000 journeys per variant, on 2 cores. */
    static final double COMPARE_SECONDS = 60;
    static final int COMPARE_REPLICATIONS = 20;
    static final long COMPARE_JOURNEYS = 100_000;
    /**
     * Live heap retained per journey done, bytes. The issue asks that memory grow with journeys in
     * flight, not done; anything a finished journey left behind — an object header and one field —
     * takes at least 16 bytes, so a slope under that is not per-journey state.
     */
    static final double RETAINED_PER_JOURNEY_DONE = 16;

    static final String SPEED_CPU = "≥ 300,000 journeys/s per core (thread CPU time)";
    static final String SPEED_WALL = "≥ 300,000 journeys/s of wall time on one core";
    static final String MEMORY = "memory grows with journeys in flight, not done";
    static final String COMPARE = "compare-resend-wait 20 × 100,000 per variant < 60 s";

    private VirtualGoals() {
    }

    static List<BenchResult.Goal> judge(VirtualBenchConfig config, Figure perCpuSecond, Figure perWallSecond,
                                        Figure retained, List<CompareBench.Run> compare, Figure compareWall) {
        List<BenchResult.Goal> goals = new ArrayList<>();
        boolean goalSpeedRun = config.scenario().replace('\\', '/').endsWith("scenarios/quickstart.conf")
                && config.journeys() >= SPEED_JOURNEYS;
        goals.add(speed(SPEED_CPU, config, perCpuSecond, goalSpeedRun));
        goals.add(speed(SPEED_WALL, config, perWallSecond, goalSpeedRun));
        if (config.memoryJourneys() == 0) {
            goals.add(new BenchResult.Goal(MEMORY, "not run", null));
        } else if (!retained.valid()) {
            goals.add(new BenchResult.Goal(MEMORY, retained.format("%.1f bytes per journey done"), false));
        } else {
            goals.add(new BenchResult.Goal(MEMORY, retained.format("%.1f") + " bytes retained per journey done",
                    retained.median() < RETAINED_PER_JOURNEY_DONE));
        }
        goals.add(compareGoal(config, compare, compareWall));
        return goals;
    }

    private static BenchResult.Goal speed(String goal, VirtualBenchConfig config, Figure f, boolean goalRun) {
        if (config.runs() == 0) {
            return new BenchResult.Goal(goal, "not run", null);
        }
        String measured = f.format("%,.0f");
        if (!f.valid()) {
            return new BenchResult.Goal(goal, measured, false);
        }
        if (!goalRun) {
            return new BenchResult.Goal(goal, measured + String.format(Locale.ROOT,
                    "; not judged: the goal is the quickstart population, ≥ %,d journeys a run", SPEED_JOURNEYS), null);
        }
        return new BenchResult.Goal(goal, measured, f.median() >= JOURNEYS_PER_CORE_SECOND);
    }

    private static BenchResult.Goal compareGoal(VirtualBenchConfig config, List<CompareBench.Run> runs, Figure wall) {
        if (config.compareRuns() == 0) {
            return new BenchResult.Goal(COMPARE, "not run", null);
        }
        String measured = wall.format("%.1f s");
        if (!wall.valid()) {
            return new BenchResult.Goal(COMPARE, measured, false);
        }
        long invalid = runs.stream().mapToLong(CompareBench.Run::invalidVariants).sum();
        if (invalid > 0) {
            return new BenchResult.Goal(COMPARE, measured + "; " + invalid + " variant runs were not a result", false);
        }
        // Journeys actually run, not only asked: a short replication would make the goal easy.
        long fewest = runs.stream().mapToLong(r -> r.journeys() / Math.max(1, (long) r.variants() * r.replications()))
                .min().orElse(0);
        measured += String.format(Locale.ROOT, "; ≥ %,d journeys per replication", fewest);
        boolean goalSize = config.sweep().replace('\\', '/').endsWith("scenarios/compare-resend-wait.conf")
                && config.compareReplications() >= COMPARE_REPLICATIONS
                && fewest >= 0.99 * COMPARE_JOURNEYS;
        if (!goalSize) {
            return new BenchResult.Goal(COMPARE, measured + "; not judged: not the goal's sweep and size", null);
        }
        return new BenchResult.Goal(COMPARE, measured, wall.median() < COMPARE_SECONDS);
    }
}
