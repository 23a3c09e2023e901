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

    /** Whether a rung kept up with its offered rate. */
    static boolean sustained(RungResult r) {
        return r.completedPerSecond() >= SUSTAINED_SHARE * r.offeredPerSecond() && r.successShare() >= 0.99
                && r.warnings().isEmpty();
    }

    static List<BenchResult.Goal> judge(List<RungResult> ladder, MemoryResult memory, TimerResult timer) {
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
            RungResult last = ladder.get(ladder.size() - 1);
            goals.add(new BenchResult.Goal("harness CPU/journey ≤ 1.25 × plain Gatling",
                    String.format(Locale.ROOT, "%.2f ms CPU/journey at %.0f/s; no plain-Gatling baseline in this bench",
                            last.cpuMsPerJourney(), last.offeredPerSecond()), null));
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
