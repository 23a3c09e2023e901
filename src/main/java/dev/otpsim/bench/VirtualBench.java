package dev.otpsim.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import dev.otpsim.ledger.LedgerLog;
import dev.otpsim.metrics.SummaryBuilder;
import dev.otpsim.run.RunPlan;
import dev.otpsim.config.Limits;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.config.ScenarioFiles;
import dev.otpsim.scenario.ScenarioLoader;
import dev.otpsim.virtual.VirtualRun;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How fast the virtual-time engine runs: one replication of a scenario's population, scaled to
 * {@code journeys} journeys at the scenario's own rate, on one thread with no raw files — the
 * work of a replication in a comparison. Measured in journeys per second of that thread's CPU
 * time, which other work on the machine does not inflate (wall time is reported beside it).
 *
 * <pre>{@code
 * VirtualBench.Result r = VirtualBench.run(Path.of("scenarios/quickstart.conf"), 1_000_000);
 * }</pre>
 */
public final class VirtualBench {
    private VirtualBench() {
    }

    /**
     * @param journeysPerCpuSecond journeys done per second of the running thread's CPU time
     * @param journeysPerWallSecond journeys done per second of wall time
     * @param eventsPerJourney      discrete events the loop ran per journey
     * @param processCpuSeconds     CPU of the whole process meanwhile, every thread: the running thread's plus the
     *                              garbage collector's and the JIT compiler's (and anything else this JVM runs)
     */
    public record Result(String scenario, long journeys, double cpuSeconds, double wallSeconds,
                         double journeysPerCpuSecond, double journeysPerWallSecond, double eventsPerJourney,
                         double successRate, double bytesAllocatedPerJourney, double processCpuSeconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %,d journeys in %.2f s CPU (%.2f s wall): %,.0f journeys per CPU "
                            + "second, %,.0f per wall second, %.1f events per journey, %,.0f bytes allocated per "
                            + "journey, success %.3f", scenario, journeys, cpuSeconds, wallSeconds, journeysPerCpuSecond,
                    journeysPerWallSecond, eventsPerJourney, bytesAllocatedPerJourney, successRate);
        }
    }

    /**
     * The scenario in {@code file}, its load stretched (same rate) to about {@code journeys} journeys.
     * Its metrics windows are widened when the run would otherwise have more than
     * {@link Limits#MAX_WINDOWS} of them (5 M quickstart journeys last 29 simulated days).
     */
    public static Scenario scaled(Path file, long journeys) {
        Scenario base = ScenarioLoader.load(file);
        double rate = base.load().expectedJourneys() / (base.load().durationMillis() / 1000.0);
        long seconds = Math.max(1, Math.round(journeys / rate));
        Config c = ScenarioFiles.parse(file)
                .withoutPath("load")
                .withValue("load.rate", ConfigValueFactory.fromAnyRef(rate))
                .withValue("load.duration", ConfigValueFactory.fromAnyRef(seconds + "s"));
        long longest = base.people().longestGiveUpMillis();
        long window = windowFor(seconds * 1000L + longest, base.metrics().windowMillis());
        if (window != base.metrics().windowMillis()) {
            c = c.withValue("metrics.window", ConfigValueFactory.fromAnyRef(window / 1000 + "s"));
        }
        return ScenarioLoader.fromConfig(c, file);
    }

    /** {@code windowMillis}, or whole seconds wide enough that a run of {@code runMillis} has at most {@link Limits#MAX_WINDOWS}. */
    static long windowFor(double runMillis, long windowMillis) {
        if (runMillis / windowMillis <= Limits.MAX_WINDOWS) {
            return windowMillis;
        }
        return ((long) Math.ceil(runMillis / Limits.MAX_WINDOWS / 1000.0) + 1) * 1000;
    }

    public static Result run(Path file, long journeys) {
        Scenario s = scaled(file, journeys);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean allocation = (com.sun.management.ThreadMXBean) threads;
        long self = Thread.currentThread().getId();
        long bytes0 = allocation.getThreadAllocatedBytes(self);
        long cpu0 = threads.getCurrentThreadCpuTime();
        long process0 = ProcessCpu.nanos();
        long wall0 = System.nanoTime();
        VirtualRun run = new VirtualRun(new RunPlan(s, s.seed()), null, LedgerLog.none());
        SummaryBuilder.Replication r = run.run(t -> { });
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double wall = (System.nanoTime() - wall0) / 1e9;
        double process = process0 < 0 ? Double.NaN : (ProcessCpu.nanos() - process0) / 1e9;
        long bytes = allocation.getThreadAllocatedBytes(self) - bytes0;
        long n = r.totals().journeys();
        double success = n == 0 ? 0 : (double) r.totals().count(dev.otpsim.person.JourneyOutcome.SUCCESS) / n;
        return new Result(s.name(), n, cpu, wall, n / cpu, n / wall, (double) run.eventsRun() / n, success,
                (double) bytes / n, process);
    }

    /**
     * The live heap at one moment of a replication: used heap right after a full GC.
     *
     * @param simMillis simulated time of the sample
     * @param started   journeys started by then
     * @param inFlight  journeys started and not yet ended
     */
    public record HeapSample(long simMillis, long started, long inFlight, long liveBytes) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %,10d journeys started, %,6d in flight, live heap %6.1f MB",
                    simMillis < 0 ? "end           " : String.format(Locale.ROOT, "sim %9.0f s", simMillis / 1000.0),
                    started, inFlight, liveBytes / 1e6);
        }
    }

    /**
     * Live heap of one replication, sampled (with a full GC each time) at {@code points} evenly spaced
     * moments of its load and once at its end: what memory grows with. Slow by design; not a speed figure.
     */
    public static List<HeapSample> memory(Path file, long journeys, int points) {
        Scenario s = scaled(file, journeys);
        MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
        VirtualRun run = new VirtualRun(new RunPlan(s, s.seed()), null, LedgerLog.none());
        long every = Math.max(1, s.load().durationMillis() / points);
        List<HeapSample> samples = new ArrayList<>();
        long[] next = {every};
        run.run(t -> {
            if (t >= next[0]) {
                next[0] += every;
                samples.add(sample(heap, t, run));
            }
        });
        samples.add(sample(heap, Long.MAX_VALUE, run));
        return samples;
    }

    /**
     * Live heap retained per journey done while the load runs: the least-squares slope of live heap
     * against journeys ended, over the samples taken during the load (the end sample left out: by
     * then the run has also built its summary). NaN with fewer than three samples.
     */
    static double bytesPerJourneyDone(List<HeapSample> samples) {
        List<HeapSample> during = samples.stream().filter(h -> h.simMillis() >= 0).toList();
        int n = during.size();
        if (n < 3) {
            return Double.NaN;
        }
        double mx = during.stream().mapToDouble(h -> h.started() - h.inFlight()).average().orElse(0);
        double my = during.stream().mapToDouble(HeapSample::liveBytes).average().orElse(0);
        double sxy = 0, sxx = 0;
        for (HeapSample h : during) {
            double x = h.started() - h.inFlight() - mx;
            sxy += x * (h.liveBytes() - my);
            sxx += x * x;
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }

    private static HeapSample sample(MemoryMXBean heap, long simMillis, VirtualRun run) {
        System.gc(); // a full collection with G1 (no -XX:+ExplicitGCInvokesConcurrent): what is left is live
        return new HeapSample(simMillis == Long.MAX_VALUE ? -1 : simMillis, run.journeysStarted(),
                run.journeysStarted() - run.journeysEnded(), heap.getHeapMemoryUsage().getUsed());
    }

    /**
     * {@code java -cp otpsim.jar dev.otpsim.bench.VirtualBench scenarios/quickstart.conf 1000000 [repeats]}, or
     * {@code ... VirtualBench --memory scenarios/quickstart.conf 5000000} for the live heap along one replication.
     */
    public static void main(String[] args) {
        boolean memory = args.length > 0 && args[0].equals("--memory");
        if (memory) {
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        Path file = Path.of(args.length > 0 ? args[0] : "scenarios/quickstart.conf");
        long journeys = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        if (memory) {
            Scenario s = scaled(file, journeys);
            System.out.printf(Locale.ROOT, "%s: %,d journeys at %.2f per simulated second, metrics window %s%n",
                    s.name(), s.load().totalJourneys(), s.load().expectedJourneys() / (s.load().durationMillis() / 1000.0),
                    dev.otpsim.distribution.Durations.show(s.metrics().windowMillis()));
            memory(file, journeys, 10).forEach(System.out::println);
            return;
        }
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (int i = 0; i < repeats; i++) {
            System.out.println(run(file, journeys));
        }
    }
}
