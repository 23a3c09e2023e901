package dev.otpsim.bench;

import java.util.Locale;

/** The plain-text tables {@code otpsim bench} prints: one line per rung, then memory, timer and goals. */
final class BenchTable {
    private BenchTable() {
    }

    static String render(BenchResult r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "otpsim bench %s — %s%n", r.startedAt(), r.machine().get("machine")));
        if (!r.ladder().isEmpty()) {
            b.append(String.format(Locale.ROOT, "%nthroughput ladder (time-scale %s, %s s of load per rung, perfect carrier)%n",
                    fmt(BenchScenario.TIME_SCALE), fmt(r.config().rungSeconds())));
            b.append(String.format(Locale.ROOT, "%9s %9s %11s %8s %9s %11s %10s %6s %10s %6s %s%n", "offered/s",
                    "journeys", "completed/s", "success", "send p99", "verify p99", "cpu ms/j", "cores",
                    "run cpu/j", "wall", "warnings"));
            for (RungResult g : r.ladder()) {
                b.append(String.format(Locale.ROOT, "%9.0f %9d %11.1f %7.1f%% %6d ms %8d ms %10.3f %6.2f %10.3f %5.1fs %s%n",
                        g.offeredPerSecond(), g.journeys(), g.completedPerSecond(), 100 * g.successShare(),
                        g.httpSendP99Ms(), g.httpVerifyP99Ms(), g.cpuMsPerJourney(), g.coresUsed(),
                        g.wholeRunCpuMsPerJourney(), g.wallSeconds(),
                        g.warnings().isEmpty() ? "-" : g.warnings().size() + " (see bench.json)"));
            }
        }
        MemoryResult m = r.memory();
        if (m != null) {
            MemoryResult.Sample first = m.samples().get(0), last = m.samples().get(m.samples().size() - 1);
            b.append(String.format(Locale.ROOT,
                    "%nretained heap per completed journey: %.0f bytes, median of %s (%.0f/s, %d journeys; %d heap-after-GC"
                            + " samples, %.1f → %.1f MB over %d completed journeys; running %d → %d)%n",
                    m.bytesPerJourney(), m.intervalSlopes().stream().map(v -> String.format(Locale.ROOT, "%.0f", v))
                            .collect(java.util.stream.Collectors.joining(" ", "[", "]")),
                    m.offeredPerSecond(), m.journeys(), m.samples().size(),
                    first.heapUsedBytes() / 1e6, last.heapUsedBytes() / 1e6, m.journeysBetween(), first.running(),
                    last.running()));
        }
        TimerResult t = r.timer();
        if (t != null) {
            b.append(String.format(Locale.ROOT,
                    "%ncarrier timer lateness: p50 %.2f ms, p99 %.2f ms, max %.2f ms real (%d of %d delivered, %d early;"
                            + " %d ms delay, %.0f msg/s, time-scale 1)%n",
                    t.p50Ms(), t.p99Ms(), t.maxMs(), t.delivered(), t.messages(), t.early(), t.delayMillis(),
                    t.perSecond()));
        }
        BaselineResult p = r.baseline();
        if (p != null) {
            b.append(String.format(Locale.ROOT,
                    "%nplain Gatling baseline: %.3f ms CPU/journey, %.2f cores, %.1f completed/s at %.0f/s offered"
                            + " (%d journeys, %d failed)%n",
                    p.cpuMsPerJourney(), p.coresUsed(), p.completedPerSecond(), p.offeredPerSecond(), p.journeys(),
                    p.failedJourneys()));
        }
        b.append(String.format(Locale.ROOT, "%nperformance goals%n"));
        for (BenchResult.Goal g : r.goals()) {
            b.append(String.format(Locale.ROOT, "  %-44s %-8s %s%n", g.goal(),
                    g.met() == null ? "n/a" : g.met() ? "met" : "NOT MET", g.measured()));
        }
        return b.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
