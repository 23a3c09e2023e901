package dev.otpsim.cli;

import dev.otpsim.load.GatlingEngine;
import dev.otpsim.bench.Bench;
import dev.otpsim.bench.BenchConfig;
import dev.otpsim.bench.BenchResult;
import dev.otpsim.bench.VirtualBenchConfig;
import dev.otpsim.bench.VirtualBenchResult;
import dev.otpsim.bench.VirtualBenchSuite;
import dev.otpsim.bench.VirtualBenchTable;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code otpsim bench}: short bounded runs on 127.0.0.1 against the embedded reference target with
 * a perfect carrier, measuring throughput, CPU per journey, heap retained per journey and carrier
 * timer error; prints a table and writes {@code <out>/bench-<time>/bench.json}. See docs/performance.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the harness itself (loopback only, bounded): a throughput ladder of full runs, "
                + "heap retained per completed journey, carrier timer lateness, a plain-Gatling baseline, and "
                + "optionally scenarios at their own time-scale with a core kept busy.",
            "Prints a table and writes <out>/bench-<time>/bench.json (each run's own reports under runs/).",
            "With --virtual: the virtual-time engine instead (journeys per second of one core, bytes allocated "
                + "per journey, live heap against journeys done, whole comparisons timed); writes "
                + "<out>/bench-<time>/virtual-bench.json.",
            "Other work on the machine moves every figure: the load average is printed and kept beside them.",
            "Exit 0 measured, 2 bad input, 3 a run failed."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--rates", split = ",", paramLabel = "R",
            description = "offered real journeys/s, one ladder rung each (default: 250,500,1000,1500,2000,2500); "
                    + "--rates none skips the ladder")
    List<String> rates;

    @Option(names = "--seconds", paramLabel = "S", description = "real seconds of load per rung (default: 10)")
    Double seconds;

    @Option(names = "--memory-rate", paramLabel = "R", description = "journeys/s of the memory runs (default: 1000)")
    Double memoryRate;

    @Option(names = "--memory-seconds", paramLabel = "S",
            description = "real seconds of each memory run, 0 to skip (default: 30)")
    Double memorySeconds;

    @Option(names = "--memory-runs", paramLabel = "N",
            description = "memory runs; their spread says whether the figure can be trusted (default: 3)")
    Integer memoryRuns;

    @Option(names = "--timer-messages", paramLabel = "N",
            description = "messages for the carrier timer measurement, 0 to skip (default: 6000)")
    Integer timerMessages;

    @Option(names = "--timer-rate", paramLabel = "R", description = "messages/s for the timer measurement (default: 2000)")
    Double timerRate;

    @Option(names = "--baseline-rate", paramLabel = "R",
            description = "journeys/s of the plain-Gatling baseline; compared with the rung at the same rate (default: 2000)")
    Double baselineRate;

    @Option(names = "--baseline-seconds", paramLabel = "S",
            description = "real seconds of the baseline, 0 to skip (default: 10)")
    Double baselineSeconds;

    @Option(names = "--busy-core",
            description = "keep one core busy with another process for the whole bench (started and stopped by it)")
    boolean busyCore;

    @Option(names = "--scenarios", split = ",", paramLabel = "FILE",
            description = "scenario files or folders (their *.conf) to run with the gatling engine at their own "
                    + "time-scale, each checked for harness problems; e.g. --scenarios scenarios --busy-core "
                    + "--rates none --memory-seconds 0 --timer-messages 0 --baseline-seconds 0")
    List<String> scenarios;

    @Option(names = "--virtual",
            description = "measure the virtual-time engine instead of the Gatling harness; takes the --virtual-* "
                    + "and --compare-* options, and none of the Gatling harness's")
    boolean virtual;

    @Option(names = "--virtual-scenario", paramLabel = "FILE",
            description = "population of the speed and live-heap runs (default: scenarios/quickstart.conf)")
    String virtualScenario;

    @Option(names = "--virtual-journeys", paramLabel = "N",
            description = "journeys per speed run, the scenario's load stretched at its own rate (default: 1000000)")
    Long virtualJourneys;

    @Option(names = "--virtual-warmups", paramLabel = "N",
            description = "speed runs first that pay for JIT compilation, reported but not counted (default: 2)")
    Integer virtualWarmups;

    @Option(names = "--virtual-runs", paramLabel = "N",
            description = "speed runs counted: median, range and n; 0 skips them (default: 5)")
    Integer virtualRuns;

    @Option(names = "--virtual-memory-journeys", paramLabel = "N",
            description = "journeys of each live-heap run, 0 to skip (default: 2000000)")
    Long virtualMemoryJourneys;

    @Option(names = "--virtual-memory-runs", paramLabel = "N", description = "live-heap runs (default: 3)")
    Integer virtualMemoryRuns;

    @Option(names = "--compare-sweep", paramLabel = "FILE",
            description = "sweep of the timed comparisons (default: scenarios/compare-resend-wait.conf)")
    String compareSweep;

    @Option(names = "--compare-replications", paramLabel = "N",
            description = "replications per variant of each timed comparison (default: 20)")
    Integer compareReplications;

    @Option(names = "--compare-journeys", paramLabel = "N",
            description = "journeys per replication: the sweep's base load stretched (a bench option only: "
                    + "otpsim compare runs the load as written) (default: 100000)")
    Long compareJourneys;

    @Option(names = "--compare-runs", paramLabel = "N",
            description = "whole comparisons, one after another, 0 to skip (default: 3)")
    Integer compareRuns;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports",
            description = "parent directory of bench-<time>/ (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        if (virtual) {
            return callVirtual();
        }
        List<String> virtualOnly = virtualOptionsGiven();
        if (!virtualOnly.isEmpty()) {
            System.err.println("otpsim bench: " + String.join(", ", virtualOnly) + " only apply with --virtual");
            return Main.BAD_INPUT;
        }
        BenchConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            System.err.println("otpsim bench: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        for (String f : config.scenarios()) {
            if (!java.nio.file.Files.exists(Path.of(f))) {
                System.err.println("otpsim bench: --scenarios: no such file or folder: " + f);
                return Main.BAD_INPUT;
            }
        }
        java.util.Optional<String> badOut = Failure.outputDirectory(out, "--out");
        if (badOut.isPresent()) {
            System.err.println("otpsim bench: " + badOut.get());
            return Main.BAD_INPUT;
        }
        Path dir = out.resolve("bench-" + dev.otpsim.run.RunOutput.now());
        BenchResult result;
        try {
            result = new Bench(System.out).run(config, dir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("otpsim bench: interrupted");
            return Main.RUN_FAILED;
        } catch (Exception e) {
            System.err.println("otpsim bench: a measurement failed: " + Failure.describe(e));
            return Main.RUN_FAILED;
        }
        System.out.println();
        System.out.print(Bench.table(result));
        System.out.println("bench.json: " + dir.resolve("bench.json"));
        return Main.OK;
    }

    private Integer callVirtual() {
        VirtualBenchConfig config;
        try {
            config = virtualConfig();
        } catch (IllegalArgumentException e) {
            System.err.println("otpsim bench: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        for (String f : java.util.List.of(config.scenario(), config.sweep())) {
            if (!java.nio.file.Files.isRegularFile(Path.of(f))) {
                System.err.println("otpsim bench: no such file: " + f);
                return Main.BAD_INPUT;
            }
        }
        java.util.Optional<String> badOut = Failure.outputDirectory(out, "--out");
        if (badOut.isPresent()) {
            System.err.println("otpsim bench: " + badOut.get());
            return Main.BAD_INPUT;
        }
        Path dir = out.resolve("bench-" + dev.otpsim.run.RunOutput.now());
        VirtualBenchResult result;
        try {
            result = new VirtualBenchSuite(System.out).run(config, EngineVariantRunner::new, dir);
        } catch (dev.otpsim.config.ScenarioException | IllegalArgumentException e) {
            // A sweep or scenario the bench cannot size: the user's input, not a failed measurement.
            System.err.println("otpsim bench: " + e.getMessage());
            return Main.BAD_INPUT;
        } catch (Exception e) {
            System.err.println("otpsim bench: a measurement failed: " + Failure.describe(e));
            return Main.RUN_FAILED;
        }
        System.out.println();
        System.out.print(VirtualBenchTable.render(result));
        System.out.println("virtual-bench.json: " + dir.resolve("virtual-bench.json"));
        return Main.OK;
    }

    /** The --virtual options over {@link VirtualBenchConfig#DEFAULTS}; bad values (or Gatling options) throw. */
    VirtualBenchConfig virtualConfig() {
        List<String> gatling = given(new Object[][] {{"--rates", rates}, {"--seconds", seconds},
            {"--memory-rate", memoryRate}, {"--memory-seconds", memorySeconds}, {"--memory-runs", memoryRuns},
            {"--timer-messages", timerMessages}, {"--timer-rate", timerRate}, {"--baseline-rate", baselineRate},
            {"--baseline-seconds", baselineSeconds}, {"--scenarios", scenarios}});
        if (busyCore) {
            gatling.add("--busy-core");
        }
        if (!gatling.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", gatling) + " measure the Gatling harness, not "
                    + "--virtual; run them as a separate bench");
        }
        VirtualBenchConfig d = VirtualBenchConfig.DEFAULTS;
        return new VirtualBenchConfig(virtualScenario == null ? d.scenario() : virtualScenario,
                virtualJourneys == null ? d.journeys() : virtualJourneys,
                virtualWarmups == null ? d.warmups() : virtualWarmups,
                virtualRuns == null ? d.runs() : virtualRuns,
                virtualMemoryJourneys == null ? d.memoryJourneys() : virtualMemoryJourneys,
                virtualMemoryRuns == null ? d.memoryRuns() : virtualMemoryRuns,
                compareSweep == null ? d.sweep() : compareSweep,
                compareReplications == null ? d.compareReplications() : compareReplications,
                compareJourneys == null ? d.compareJourneys() : compareJourneys,
                compareRuns == null ? d.compareRuns() : compareRuns);
    }

    private List<String> virtualOptionsGiven() {
        return given(new Object[][] {{"--virtual-scenario", virtualScenario}, {"--virtual-journeys", virtualJourneys},
            {"--virtual-warmups", virtualWarmups}, {"--virtual-runs", virtualRuns},
            {"--virtual-memory-journeys", virtualMemoryJourneys}, {"--virtual-memory-runs", virtualMemoryRuns},
            {"--compare-sweep", compareSweep}, {"--compare-replications", compareReplications},
            {"--compare-journeys", compareJourneys}, {"--compare-runs", compareRuns}});
    }

    /** The names of the options given, of {name, value} pairs (a value is null when not given). */
    private static List<String> given(Object[][] options) {
        List<String> given = new java.util.ArrayList<>();
        for (Object[] o : options) {
            if (o[1] != null) {
                given.add((String) o[0]);
            }
        }
        return given;
    }

    /** The options over {@link BenchConfig#DEFAULTS}; bad values throw with the reason. */
    BenchConfig config() {
        BenchConfig d = BenchConfig.DEFAULTS;
        return new BenchConfig(rates == null ? d.rates() : parseRates(rates),
                seconds == null ? d.rungSeconds() : seconds,
                memoryRate == null ? d.memoryRate() : memoryRate,
                memorySeconds == null ? d.memorySeconds() : memorySeconds,
                memoryRuns == null ? d.memoryRuns() : memoryRuns,
                timerMessages == null ? d.timerMessages() : timerMessages,
                timerRate == null ? d.timerRate() : timerRate, d.timerDelayMs(),
                baselineRate == null ? d.baselineRate() : baselineRate,
                baselineSeconds == null ? d.baselineSeconds() : baselineSeconds, busyCore,
                scenarios == null ? d.scenarios() : scenarios);
    }

    private static List<Double> parseRates(List<String> values) {
        if (values.size() == 1 && values.get(0).equals("none")) {
            return List.of();
        }
        return values.stream().map(v -> {
            try {
                return Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--rates: expected numbers separated by commas, got \"" + v + "\"");
            }
        }).toList();
    }
}
