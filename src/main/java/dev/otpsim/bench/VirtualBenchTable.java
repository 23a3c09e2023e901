package dev.otpsim.bench;

import java.util.Locale;

/** The plain-text tables {@code otpsim bench --virtual} prints: speed runs, live heap, comparisons, goals. */
public final class VirtualBenchTable {
    private VirtualBenchTable() {
    }

    public static String render(VirtualBenchResult r) {
        StringBuilder b = new StringBuilder();
        VirtualBenchConfig c = r.config();
        b.append(String.format(Locale.ROOT, "otpsim bench --virtual %s — %s%n", r.startedAt(), r.machine().get("machine")));
        b.append(String.format(Locale.ROOT, "load average (1 min) %s at the start, %s at the end%n", load(r, 0), load(r, 1)));
        if (!r.runs().isEmpty()) {
            b.append(String.format(Locale.ROOT, "%nspeed: %s, %,d journeys a run, one thread, no raw files (%d warm-up runs first, not counted)%n",
                    c.scenario(), c.journeys(), c.warmups()));
            b.append(String.format(Locale.ROOT, "%-8s %10s %12s %10s %13s %13s %13s %9s %10s%n", "run", "journeys",
                    "thread cpu s", "wall s", "j/cpu s", "j/wall s", "j/process cpu", "events/j", "alloc B/j"));
            int i = 0;
            for (VirtualBench.Result x : r.warmups()) {
                row(b, "warm-up" + (++i), x);
            }
            i = 0;
            for (VirtualBench.Result x : r.runs()) {
                row(b, "run " + (++i), x);
            }
            b.append(String.format(Locale.ROOT, "  journeys per thread-CPU second   %s%n", r.perCpuSecond().format("%,.0f")));
            b.append(String.format(Locale.ROOT, "  journeys per wall second         %s%n", r.perWallSecond().format("%,.0f")));
            b.append(String.format(Locale.ROOT, "  journeys per process-CPU second  %s  (GC and JIT threads included)%n",
                    r.perProcessCpuSecond().format("%,.0f")));
            b.append(String.format(Locale.ROOT, "  bytes allocated per journey      %s%n", r.allocatedPerJourney().format("%,.0f")));
        }
        if (!r.memory().isEmpty()) {
            b.append(String.format(Locale.ROOT, "%nlive heap (after a full GC) along one replication of %,d journeys%n",
                    c.memoryJourneys()));
            int i = 0;
            for (VirtualBenchResult.MemoryRun m : r.memory()) {
                b.append(String.format(Locale.ROOT, "  run %d: %.1f bytes retained per journey done%n", ++i,
                        m.bytesPerJourneyDone()));
                if (i == r.memory().size()) {
                    m.samples().forEach(s -> b.append("    ").append(s).append(System.lineSeparator()));
                }
            }
            b.append(String.format(Locale.ROOT, "  bytes retained per journey done  %s%n",
                    r.retainedPerJourneyDone().format("%.1f")));
        }
        if (!r.compare().isEmpty()) {
            b.append(String.format(Locale.ROOT, "%ncompare %s, %d replications × ~%,d journeys per variant, virtual time, all cores%n",
                    c.sweep(), c.compareReplications(), c.compareJourneys()));
            int i = 0;
            for (CompareBench.Run x : r.compare()) {
                b.append(String.format(Locale.ROOT, "  run %d: %s%n", ++i, x));
            }
            b.append(String.format(Locale.ROOT, "  wall seconds  %s%n", r.compareWallSeconds().format("%.1f")));
        }
        b.append(String.format(Locale.ROOT, "%nperformance goals (virtual time)%n"));
        for (BenchResult.Goal g : r.goals()) {
            b.append(String.format(Locale.ROOT, "  %-52s %-8s %s%n", g.goal(),
                    g.met() == null ? "n/a" : g.met() ? "met" : "NOT MET", g.measured()));
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String name, VirtualBench.Result x) {
        b.append(String.format(Locale.ROOT, "%-8s %,10d %12.2f %10.2f %,13.0f %,13.0f %,13.0f %9.1f %,10.0f%n", name,
                x.journeys(), x.cpuSeconds(), x.wallSeconds(), x.journeysPerCpuSecond(), x.journeysPerWallSecond(),
                x.journeys() / x.processCpuSeconds(), x.eventsPerJourney(), x.bytesAllocatedPerJourney()));
    }

    private static String load(VirtualBenchResult r, int i) {
        return r.loadAverage().size() > i && r.loadAverage().get(i) >= 0
                ? String.format(Locale.ROOT, "%.2f", r.loadAverage().get(i)) : "unknown";
    }
}
