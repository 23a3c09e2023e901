package dev.otpsim.bench;

import java.util.Locale;
import java.util.stream.Collectors;

/** The plain-text tables {@code otpsim bench} prints: one line per rung, then memory, timer, baseline, scenarios and goals. */
final class BenchTable {
    private BenchTable() {
    }

    static String render(BenchResult r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "otpsim bench %s — %s%n", r.startedAt(), r.machine().get("machine")));
        b.append(String.format(Locale.ROOT, "load average (1 min) %s at the start, %s at the end%s%n",
                load(r, 0), load(r, 1), r.config().busyCore() ? "; another process kept one core busy" : ""));
        if (!r.ladder().isEmpty()) {
            b.append(String.format(Locale.ROOT, "%nthroughput ladder (time-scale %s, %s s of load per rung, perfect carrier)%n",
                    fmt(BenchScenario.TIME_SCALE), fmt(r.config().rungSeconds())));
            b.append(String.format(Locale.ROOT, "%9s %9s %11s %8s %9s %11s %10s %6s %10s %7s %7s %6s %s%n", "offered/s",
                    "journeys", "completed/s", "success", "send p99", "verify p99", "cpu ms/j", "cores",
                    "run cpu/j", "wakes/j", "fds", "wall", "warnings"));
            for (RungResult g : r.ladder()) {
                b.append(String.format(Locale.ROOT, "%9.0f %9d %11.1f %7.1f%% %6d ms %8d ms %10.3f %6.2f %10.3f %7.2f %7d %5.1fs %s%n",
                        g.offeredPerSecond(), g.journeys(), g.completedPerSecond(), 100 * g.successShare(),
                        g.httpSendP99Ms(), g.httpVerifyP99Ms(), g.cpuMsPerJourney(), g.coresUsed(),
                        g.wholeRunCpuMsPerJourney(), g.wakeUpsPerJourney(), g.peakOpenFiles(), g.wallSeconds(),
                        g.overCapacity() ? "OVER CAPACITY (load stopped; completed/s is what it reached)"
                                : g.warnings().isEmpty() ? "-" : g.warnings().size() + " (see bench.json)"));
            }
        }
        MemorySummary memory = r.memory();
        if (memory != null) {
            b.append(String.format(Locale.ROOT, "%nretained heap per completed journey (heap-after-GC growth over %d samples per run, steps set aside)%n",
                    MemoryBench.SAMPLES));
            for (MemoryResult m : memory.runs()) {
                if (m.failure() != null) {
                    b.append(String.format(Locale.ROOT, "  FAILED: %s (%.0f/s, %d journeys)%n", m.failure(),
                            m.offeredPerSecond(), m.journeys()));
                    continue;
                }
                MemoryResult.Sample first = m.samples().get(0), last = m.samples().get(m.samples().size() - 1);
                b.append(String.format(Locale.ROOT,
                        "  %s bytes (95 %% %.0f to %.0f; %.0f/s, %d journeys; %.1f → %.1f MB over %d completed; running %d → %d)%n",
                        m.valid() ? String.format(Locale.ROOT, "%.0f", m.bytesPerJourney())
                                : String.format(Locale.ROOT, "FAILED (%.0f: impossible)", m.bytesPerJourney()),
                        m.lowBytes(), m.highBytes(), m.offeredPerSecond(), m.journeys(), first.heapUsedBytes() / 1e6,
                        last.heapUsedBytes() / 1e6, m.journeysBetween(), first.running(), last.running()));
            }
            if (memory.valid()) {
                b.append(String.format(Locale.ROOT, "  median %.0f bytes, spread between runs %s%n", memory.medianBytes(),
                        Double.isNaN(memory.spread()) ? "unknown" : String.format(Locale.ROOT, "%.0f %%", 100 * memory.spread())));
            }
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
        if (!r.scenarios().isEmpty()) {
            b.append(String.format(Locale.ROOT, "%nscenarios at their own time-scale (gatling engine)%s%n",
                    r.config().busyCore() ? ", one core kept busy by another process" : ""));
            for (ScenarioCheck c : r.scenarios()) {
                if (c.skipped() != null) {
                    b.append(String.format(Locale.ROOT, "  %-22s skipped: %s%n", c.name(), c.skipped()));
                    continue;
                }
                b.append(String.format(Locale.ROOT, "  %-22s %-7s time-scale %-5s %6d journeys, success %5.1f%%, lag p99 %s, wakes/j %.2f, fds %d, %.0fs%s%n",
                        c.name(), c.passed() ? "ok" : "PROBLEM", fmt(c.timeScale()), c.journeys(), 100 * c.successShare(),
                        c.harnessLagMs().entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + " ms")
                                .collect(Collectors.joining(", ")),
                        c.wakeUpsPerJourney(), c.peakOpenFiles(), c.wallSeconds(),
                        c.problems().isEmpty() ? "" : System.lineSeparator() + "      " + String.join(
                                System.lineSeparator() + "      ", c.problems())));
            }
        }
        b.append(String.format(Locale.ROOT, "%nperformance goals%n"));
        for (BenchResult.Goal g : r.goals()) {
            b.append(String.format(Locale.ROOT, "  %-52s %-8s %s%n", g.goal(),
                    g.met() == null ? "n/a" : g.met() ? "met" : "NOT MET", g.measured()));
        }
        return b.toString();
    }

    private static String load(BenchResult r, int i) {
        return r.loadAverage().size() > i && r.loadAverage().get(i) >= 0
                ? String.format(Locale.ROOT, "%.2f", r.loadAverage().get(i)) : "unknown";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
