package dev.otpsim.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import dev.otpsim.ledger.LedgerLog;
import dev.otpsim.metrics.SummaryBuilder;
import dev.otpsim.run.RunPlan;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.scenario.ScenarioFiles;
import dev.otpsim.scenario.ScenarioLoader;
import dev.otpsim.virtual.VirtualRun;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
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
     */
    public record Result(String scenario, long journeys, double cpuSeconds, double wallSeconds,
                         double journeysPerCpuSecond, double journeysPerWallSecond, double eventsPerJourney,
                         double successRate, double bytesAllocatedPerJourney) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %,d journeys in %.2f s CPU (%.2f s wall): %,.0f journeys per CPU "
                            + "second, %,.0f per wall second, %.1f events per journey, %,.0f bytes allocated per "
                            + "journey, success %.3f", scenario, journeys, cpuSeconds, wallSeconds, journeysPerCpuSecond,
                    journeysPerWallSecond, eventsPerJourney, bytesAllocatedPerJourney, successRate);
        }
    }

    /** The scenario in {@code file}, its load stretched (same rate) to about {@code journeys} journeys. */
    public static Scenario scaled(Path file, long journeys) {
        Scenario base = ScenarioLoader.load(file);
        double rate = base.load().expectedJourneys() / (base.load().durationMillis() / 1000.0);
        long seconds = Math.max(1, Math.round(journeys / rate));
        Config c = ScenarioFiles.parse(file)
                .withoutPath("load")
                .withValue("load.rate", ConfigValueFactory.fromAnyRef(rate))
                .withValue("load.duration", ConfigValueFactory.fromAnyRef(seconds + "s"));
        return ScenarioLoader.fromConfig(c, file);
    }

    public static Result run(Path file, long journeys) {
        Scenario s = scaled(file, journeys);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean allocation = (com.sun.management.ThreadMXBean) threads;
        long self = Thread.currentThread().getId();
        long bytes0 = allocation.getThreadAllocatedBytes(self);
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        VirtualRun run = new VirtualRun(new RunPlan(s, s.seed()), null, LedgerLog.none());
        SummaryBuilder.Replication r = run.run(t -> { });
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double wall = (System.nanoTime() - wall0) / 1e9;
        long bytes = allocation.getThreadAllocatedBytes(self) - bytes0;
        long n = r.totals().journeys();
        double success = n == 0 ? 0 : (double) r.totals().count(dev.otpsim.person.JourneyOutcome.SUCCESS) / n;
        return new Result(s.name(), n, cpu, wall, n / cpu, n / wall, (double) run.eventsRun() / n, success,
                (double) bytes / n);
    }

    /** {@code java -cp otpsim.jar dev.otpsim.bench.VirtualBench scenarios/quickstart.conf 1000000 [repeats]} */
    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "scenarios/quickstart.conf");
        long journeys = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (int i = 0; i < repeats; i++) {
            System.out.println(run(file, journeys));
        }
    }
}
