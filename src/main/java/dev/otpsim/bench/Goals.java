package dev.otpsim.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The harness's performance goals (issue 13), judged against what a bench measured. A figure that
 * could not be measured — a failed estimate, a part that did not run — is never "met".
 */
final class Goals {
    /** Journeys per real second the harness must sustain with no harness warning. */
    static final double JOURNEYS_PER_SECOND = 2_000;
    /** Harness CPU per journey ≤ this × a plain Gatling baseline at the same rate. */
    static final double CPU_RATIO = 1.25;
    /** Retained heap per completed journey. */
    static final double RETAINED_BYTES = 1_024;
    /** ... measured by a method whose runs spread less than this (largest − smallest) / median. */
    static final double MEMORY_SPREAD = 0.20;
    /** Carrier timer lateness p99, real ms ... */
    static final double TIMER_P99_MS = 2;
    /** ... at this many messages per second. */
    static final double TIMER_RATE = 2_000;
    /** Open file descriptors at any rung: "under a few hundred". */
    static final long OPEN_FILES = 300;
    /**
     * A rung is sustained when it completes at least this share of what it offers, with 99 %
     * success and no harness warning: below that the harness, not the target, sets the pace.
     */
    static final double SUSTAINED_SHARE = 0.95;

    static final String THROUGHPUT = "≥ 2,000 journeys/s sustained, no harness warning";
    static final String CPU = "harness CPU/journey ≤ 1.25 × plain Gatling";
    static final String MEMORY = "≤ 1 KB retained per completed journey, spread < 20 %";
    static final String TIMER = "carrier timer lateness p99 ≤ 2 ms at 2,000 msg/s";
    static final String FILES = "open file descriptors < 300 at every rung";
    static final String SCENARIOS = "shipped scenarios: no harness problem";

    private Goals() {
    }

    /** Whether a rung kept up with its offered rate. */
    static boolean sustained(RungResult r) {
        return !r.overCapacity() && r.completedPerSecond() >= SUSTAINED_SHARE * r.offeredPerSecond()
                && r.successShare() >= 0.99 && r.warnings().isEmpty();
    }

    static List<BenchResult.Goal> judge(List<RungResult> ladder, MemorySummary memory, TimerResult timer,
                                        BaselineResult baseline, List<ScenarioCheck> scenarios) {
        List<BenchResult.Goal> goals = new ArrayList<>();
        if (ladder.isEmpty()) {
            goals.add(new BenchResult.Goal(THROUGHPUT, "not run", null));
            goals.add(new BenchResult.Goal(CPU, "not run", null));
            goals.add(new BenchResult.Goal(FILES, "not run", null));
        } else {
            goals.add(throughput(ladder));
            goals.add(cpuGoal(ladder, baseline));
            long peak = ladder.stream().mapToLong(RungResult::peakOpenFiles).max().orElse(-1);
            goals.add(peak < 0 ? new BenchResult.Goal(FILES, "not counted on this system", null)
                    : new BenchResult.Goal(FILES, "peak " + peak, peak < OPEN_FILES));
        }
        goals.add(memoryGoal(memory));
        goals.add(timer == null ? new BenchResult.Goal(TIMER, "not run", null)
                : new BenchResult.Goal(TIMER, String.format(Locale.ROOT, "p99 %.2f ms at %.0f msg/s", timer.p99Ms(),
                        timer.perSecond()), timer.delivered() == timer.messages() && timer.p99Ms() <= TIMER_P99_MS
                        && timer.perSecond() >= TIMER_RATE));
        if (!scenarios.isEmpty()) {
            List<ScenarioCheck> ran = scenarios.stream().filter(c -> c.skipped() == null).toList();
            List<String> failed = ran.stream().filter(c -> !c.passed()).map(ScenarioCheck::name).toList();
            goals.add(new BenchResult.Goal(SCENARIOS, ran.isEmpty() ? "none run"
                    : failed.isEmpty() ? ran.size() + " of " + ran.size() + " kept up"
                    : failed.size() + " of " + ran.size() + " had a harness problem: " + String.join(", ", failed),
                    ran.isEmpty() ? null : failed.isEmpty()));
        }
        return goals;
    }

    private static BenchResult.Goal throughput(List<RungResult> ladder) {
        RungResult best = ladder.stream().filter(Goals::sustained)
                .max(java.util.Comparator.comparingDouble(RungResult::offeredPerSecond)).orElse(null);
        RungResult firstOver = ladder.stream().filter(RungResult::overCapacity)
                .min(java.util.Comparator.comparingDouble(RungResult::offeredPerSecond)).orElse(null);
        double highest = ladder.stream().mapToDouble(RungResult::offeredPerSecond).max().orElse(0);
        StringBuilder measured = new StringBuilder(best == null ? "no rung sustained"
                : String.format(Locale.ROOT, "highest sustained rung %.0f/s (%.0f completed/s)",
                        best.offeredPerSecond(), best.completedPerSecond()));
        if (firstOver != null) {
            measured.append(String.format(Locale.ROOT, "; over capacity at %.0f/s (reached %.0f/s)",
                    firstOver.offeredPerSecond(), firstOver.completedPerSecond()));
        } else if (best != null && best.offeredPerSecond() >= highest) {
            measured.append("; no higher rung tried");
        }
        return new BenchResult.Goal(THROUGHPUT, measured.toString(),
                best != null && best.offeredPerSecond() >= JOURNEYS_PER_SECOND);
    }

    /** The rung at the baseline's rate against the baseline; not judged without both. */
    private static BenchResult.Goal cpuGoal(List<RungResult> ladder, BaselineResult baseline) {
        RungResult same = baseline == null ? null : ladder.stream()
                .filter(r -> r.offeredPerSecond() == baseline.offeredPerSecond()).findFirst().orElse(null);
        if (same == null || baseline.cpuMsPerJourney() <= 0) {
            RungResult last = ladder.get(ladder.size() - 1);
            return new BenchResult.Goal(CPU, String.format(Locale.ROOT,
                    "%.2f ms CPU/journey at %.0f/s; no baseline at that rate", last.cpuMsPerJourney(),
                    last.offeredPerSecond()), null);
        }
        if (!keptUp(baseline)) {
            // A baseline in trouble spends its CPU on failures and retries: no yardstick for the harness.
            return new BenchResult.Goal(CPU, String.format(Locale.ROOT, "failed measurement: the plain-Gatling "
                    + "baseline did not keep up (%d of %d journeys failed, %.0f of %.0f/s completed)",
                    baseline.failedJourneys(), baseline.journeys(), baseline.completedPerSecond(),
                    baseline.offeredPerSecond()), false);
        }
        double ratio = same.cpuMsPerJourney() / baseline.cpuMsPerJourney();
        String measured = String.format(Locale.ROOT, "%.2f× (%.3f vs %.3f ms CPU/journey at %.0f/s)", ratio,
                same.cpuMsPerJourney(), baseline.cpuMsPerJourney(), same.offeredPerSecond());
        if (!sustained(same)) {
            // CPU per journey of a rung that did not keep up measures a harness in trouble.
            return new BenchResult.Goal(CPU, measured + "; that rung was not sustained", false);
        }
        return new BenchResult.Goal(CPU, measured, ratio <= CPU_RATIO);
    }

    /** Whether the baseline ran as a baseline: its journeys succeeded and it kept up with its rate. */
    static boolean keptUp(BaselineResult b) {
        return b.journeys() > 0 && b.failedJourneys() <= 0.01 * b.journeys()
                && b.completedPerSecond() >= SUSTAINED_SHARE * b.offeredPerSecond();
    }

    private static BenchResult.Goal memoryGoal(MemorySummary memory) {
        if (memory == null) {
            return new BenchResult.Goal(MEMORY, "not run", null);
        }
        List<String> each = memory.runs().stream()
                .map(r -> String.format(Locale.ROOT, "%.0f", r.bytesPerJourney())).toList();
        if (!memory.valid()) {
            String why = memory.runs().stream().filter(r -> r.failure() != null).map(MemoryResult::failure)
                    .findFirst().orElse("an impossible estimate (negative or not a number) among " + each);
            return new BenchResult.Goal(MEMORY, "failed measurement: " + why, false);
        }
        if (memory.runs().size() < 2) {
            return new BenchResult.Goal(MEMORY, String.format(Locale.ROOT,
                    "%.0f bytes from one run: its spread is unknown (run --memory-runs 3)", memory.medianBytes()), null);
        }
        String measured = String.format(Locale.ROOT, "%.0f bytes, median of %s, spread %.0f %%", memory.medianBytes(),
                each, 100 * memory.spread());
        boolean trusted = memory.spread() < MEMORY_SPREAD;
        return new BenchResult.Goal(MEMORY, trusted ? measured : measured + ": too wide to judge",
                trusted && memory.medianBytes() <= RETAINED_BYTES);
    }
}
