package dev.otpsim.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code otpsim bench}: where the harness stands against its performance goals, measured with the
 * real engine on loopback — a throughput ladder (with each rung's open file descriptors and
 * wake-ups), heap retained per completed journey, carrier timer lateness, a plain-Gatling baseline
 * for CPU per journey, and optionally the shipped scenarios at their own time-scale, with another
 * process keeping a core busy — written to {@code <dir>/bench.json}, each run's own reports under
 * {@code <dir>/runs/}.
 *
 * <pre>{@code
 * BenchResult r = new Bench(System.out).run(BenchConfig.DEFAULTS, Path.of("reports/bench-20261202-130000"));
 * System.out.print(BenchTable.render(r));
 * }</pre>
 * The parts run one after another, never at once, so they do not disturb each other's figures.
 */
public final class Bench {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintStream out;

    /** @param out where progress lines go, one per part */
    public Bench(PrintStream out) {
        this.out = out;
    }

    public BenchResult run(BenchConfig config, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String startedAt = OffsetDateTime.now().toString();
        List<Double> load = new ArrayList<>(List.of(loadAverage()));
        BusyCore busy = null;
        if (config.busyCore()) {
            busy = BusyCore.start();
            out.printf(Locale.ROOT, "bench: another process (pid %d) keeps one core busy throughout%n", busy.pid());
        }
        try {
            BenchRunner runner = new BenchRunner(dir.resolve("runs"));
            List<RungResult> ladder = new ArrayList<>();
            LadderBench rungs = new LadderBench(runner);
            for (double rate : config.rates()) {
                out.printf(Locale.ROOT, "bench: rung %.0f journeys/s for %s s...%n", rate, config.rungSeconds());
                ladder.add(rungs.rung(rate, config.rungSeconds()));
            }
            MemorySummary memory = null;
            if (config.memorySeconds() > 0) {
                List<MemoryResult> runs = new ArrayList<>();
                for (int i = 1; i <= config.memoryRuns(); i++) {
                    out.printf(Locale.ROOT, "bench: memory run %d of %d, %.0f journeys/s for %s s...%n", i,
                            config.memoryRuns(), config.memoryRate(), config.memorySeconds());
                    runs.add(new MemoryBench(runner).measure(config.memoryRate(), config.memorySeconds()));
                }
                memory = MemorySummary.of(runs);
            }
            TimerResult timer = null;
            if (config.timerMessages() > 0) {
                out.printf(Locale.ROOT, "bench: carrier timer, %d messages at %.0f/s...%n", config.timerMessages(),
                        config.timerRate());
                timer = new TimerBench().measure(config.timerMessages(), config.timerRate(), config.timerDelayMs());
            }
            BaselineResult baseline = null;
            if (config.baselineSeconds() > 0) {
                out.printf(Locale.ROOT, "bench: plain Gatling baseline, %.0f journeys/s for %s s...%n",
                        config.baselineRate(), config.baselineSeconds());
                baseline = new BaselineBench(dir).measure(config.baselineRate(), config.baselineSeconds());
            }
            List<ScenarioCheck> scenarios = new ArrayList<>();
            for (Path file : ScenarioCheck.expand(config.scenarios())) {
                out.printf(Locale.ROOT, "bench: scenario %s at its own time-scale...%n", file);
                scenarios.add(ScenarioCheck.run(runner, file));
            }
            load.add(loadAverage());
            BenchResult result = new BenchResult(startedAt, machine(), load, config, ladder, memory, timer, baseline,
                    scenarios, Goals.judge(ladder, memory, timer, baseline, scenarios));
            JSON.writeValue(dir.resolve("bench.json").toFile(), result);
            return result;
        } finally {
            if (busy != null) {
                busy.close();
            }
        }
    }

    /** The machine's load average over the last minute (every process, this one too), or -1 where unknown. */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The plain-text tables for a result. */
    public static String table(BenchResult result) {
        return BenchTable.render(result);
    }

    /** Reads a {@code bench.json} back. */
    public static BenchResult read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), BenchResult.class);
    }

    static Map<String, String> machine() {
        Runtime rt = Runtime.getRuntime();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("machine", String.format(Locale.ROOT, "%d cores, Java %s, %s %s, max heap %d MB",
                rt.availableProcessors(), System.getProperty("java.version"), System.getProperty("os.name"),
                System.getProperty("os.arch"), rt.maxMemory() >> 20));
        m.put("jvmArgs", String.join(" ",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
        m.put("commandLine", System.getProperty("sun.java.command", ""));
        return m;
    }
}
