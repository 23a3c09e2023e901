package dev.otpsim.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The SPEC's performance goals, judged against what a bench measured. */
final class Goals {
    /** SPEC: ≥ 1,000 journeys/s end to end on 2 cores. */
    static final double JOURNEYS_PER_SECOND = 1_000;
    /** SPEC: ≤ 1 KB retained per completed journey. */
    static final double RETAINED_BYTES = 1_024;
    /** SPEC: carrier timer error p99 ≤ 2 ms real. */
    static final double TIMER_P99_MS = 2;
    /**
     * A rung is sustained when it completes at least this share of what it offers, with 99 %
     * success and no harness warning: below that the harness, not the target, sets the pace.
     */
    static final double SUSTAINED_SHARE = 0.95;

    private Goals() {
    }

    /** The rung at the baseline's rate against the baseline; not judged without both. */
    private static BenchResult.Goal cpuGoal(List<RungResult> ladder, BaselineResult baseline) {
        String goal = "harness CPU/journey ≤ 1.25 × plain Gatling";
        RungResult same = baseline == null ? null : ladder.stream()
                .filter(r -> r.offeredPerSecond() == baseline.offeredPerSecond()).findFirst().orElse(null);
        if (same == null || baseline.cpuMsPerJourney() <= 0) {
            RungResult last = ladder.get(ladder.size() - 1);
            return new BenchResult.Goal(goal, String.format(Locale.ROOT,
                    "%.2f ms CPU/journey at %.0f/s; no baseline at that rate", last.cpuMsPerJourney(),
                    last.offeredPerSecond()), null);
        }
        double ratio = same.cpuMsPerJourney() / baseline.cpuMsPerJourney();
        return new BenchResult.Goal(goal, String.format(Locale.ROOT, "%.2f× (%.3f vs %.3f ms CPU/journey at %.0f/s)",
                ratio, same.cpuMsPerJourney(), baseline.cpuMsPerJourney(), same.offeredPerSecond()),
                ratio <= CPU_RATIO);
    }

    /** Whether a rung kept up with its offered rate. */
    static boolean sustained(RungResult r) {
        return r.completedPerSecond() >= SUSTAINED_SHARE * r.offeredPerSecond() && r.successShare() >= 0.99
                && r.warnings().isEmpty();
    }

    /** SPEC: harness CPU per journey ≤ 1.25 × a plain Gatling baseline. */
    static final double CPU_RATIO = 1.25;

    static List<BenchResult.Goal> judge(List<RungResult> ladder, MemoryResult memory, TimerResult timer,
                                        BaselineResult baseline) {
        List<BenchResult.Goal> goals = new ArrayList<>();
        if (ladder.isEmpty()) {
            goals.add(new BenchResult.Goal("≥ 1,000 journeys/s end to end", "not run", null));
            goals.add(new BenchResult.Goal("harness CPU/journey ≤ 1.25 × plain Gatling", "not run", null));
        } else {
            RungResult best = ladder.stream().filter(Goals::sustained)
                    .max(java.util.Comparator.comparingDouble(RungResult::offeredPerSecond)).orElse(null);
            double highest = ladder.stream().mapToDouble(RungResult::offeredPerSecond).max().orElse(0);
            String measured = best == null ? "no rung sustained"
                    : String.format(Locale.ROOT, "highest sustained rung %.0f/s (%.0f completed/s)%s",
                            best.offeredPerSecond(), best.completedPerSecond(),
                            best.offeredPerSecond() < highest ? "" : "; no higher rung tried");
            goals.add(new BenchResult.Goal("≥ 1,000 journeys/s end to end", measured,
                    best != null && best.completedPerSecond() >= JOURNEYS_PER_SECOND));
            goals.add(cpuGoal(ladder, baseline));
        }
        goals.add(memory == null ? new BenchResult.Goal("≤ 1 KB retained per completed journey", "not run", null)
                : new BenchResult.Goal("≤ 1 KB retained per completed journey",
                        String.format(Locale.ROOT, "%.0f bytes", memory.bytesPerJourney()),
                        memory.bytesPerJourney() <= RETAINED_BYTES));
        goals.add(timer == null ? new BenchResult.Goal("carrier timer error p99 ≤ 2 ms", "not run", null)
                : new BenchResult.Goal("carrier timer error p99 ≤ 2 ms",
                        String.format(Locale.ROOT, "p99 %.2f ms", timer.p99Ms()), timer.p99Ms() <= TIMER_P99_MS));
        return goals;
    }
}
