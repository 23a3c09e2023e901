package dev.otpsim.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import dev.otpsim.scenario.EngineChoice;
import dev.otpsim.run.RunOptions;
import dev.otpsim.run.RunResult;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.config.ScenarioException;
import dev.otpsim.config.ScenarioFiles;
import dev.otpsim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code otpsim run <scenario>}: one scenario end to end, writing {@code reports/<run-id>/}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a scenario: carriers, gateway, the reference target and Gatling people in this JVM.",
            "With target.external the people drive your own service instead (see docs/external-targets.md).",
            "Writes reports/<run-id>/ (summary.json, timeseries.csv, hdr/*.hlog, ledger.csv, index.html, gatling/).",
            "Exit 0 ok, 1 a threshold failed, 2 bad input, 3 the run itself failed."})
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO", description = "HOCON scenario file, e.g. scenarios/quickstart.conf")
    Path scenario;

    @Option(names = "--seed", description = "Override the scenario's seed.")
    Long seed;

    @Option(names = "--time-scale", paramLabel = "X|auto",
            description = "Override the scenario's time-scale (simulated s per real s), or auto: the gatling engine "
                    + "measures the highest this machine sustains (embedded target).")
    String timeScale;

    @Option(names = "--out", description = "Parent directory of the run directory (default: reports).")
    Path out = Path.of("reports");

    @Option(names = "--allow-target", paramLabel = "HOST",
            description = "Allow this non-loopback host as target or gateway (repeatable).")
    List<String> allowed = new ArrayList<>();

    @Option(names = "--quiet", description = "No live progress.")
    boolean quiet;

    @Option(names = "--engine", paramLabel = "ENGINE", converter = EngineConverter.class,
            description = "virtual (virtual time: exact, repeatable, embedded target only) or gatling (scaled real "
                    + "time over HTTP, the default for run). Overrides the scenario's engine key.")
    EngineChoice engine;

    @Option(names = "--replications", paramLabel = "N", defaultValue = "1",
            description = "Runs with seeds derived from the base seed, pooled into one summary with intervals "
                    + "(virtual engine; default ${DEFAULT-VALUE}).")
    int replications;

    @Option(names = "--raw-all", description = "Keep ledger.csv and the time series of every replication, not only the first.")
    boolean rawAll;

    @Override
    public Integer call() {
        Scenario s;
        try {
            s = load(scenario, seed, timeScale, engine);
        } catch (ScenarioException e) {
            System.err.println(e.report(scenario));
            return Main.BAD_INPUT;
        }
        java.util.Optional<String> badOut = Failure.outputDirectory(out, "--out");
        if (badOut.isPresent()) {
            System.err.println("otpsim: " + badOut.get());
            return Main.BAD_INPUT;
        }
        if (replications < 1 || replications > MAX_REPLICATIONS) {
            System.err.println("otpsim run: --replications must be between 1 and " + MAX_REPLICATIONS + ", got "
                    + replications);
            return Main.BAD_INPUT;
        }
        EngineChoice chosen = s.engine(null, EngineChoice.GATLING);
        String refused = Engines.refusal(s, chosen, replications);
        if (refused != null) {
            System.err.println("otpsim run: " + refused);
            return Main.BAD_INPUT;
        }
        RunOptions options = RunOptions.defaults().withReportsDir(out).allowing(allowed).withReplications(replications)
                .withRawForAll(rawAll);
        if (quiet) {
            options = options.quiet();
        }
        RunResult r;
        try {
            r = Engines.of(chosen, System.out).run(s, options);
        } catch (IllegalArgumentException e) {
            System.err.println("otpsim: " + e.getMessage());
            return Main.BAD_INPUT;
        } catch (Exception e) {
            System.err.println("otpsim: the run failed: " + Failure.describe(e));
            return Main.RUN_FAILED;
        }
        printSummary(r);
        return r.exitCode();
    }

    /** Loads a scenario with command-line overrides applied before validation. */
    static Scenario load(Path file, Long seed, String timeScale, EngineChoice engine) {
        Config c = ScenarioFiles.parse(file);
        if (engine != null) {
            c = c.withValue("engine", ConfigValueFactory.fromAnyRef(engine.id(), "--engine"));
        }
        if (seed != null) {
            c = c.withValue("seed", ConfigValueFactory.fromAnyRef(seed, "--seed"));
        }
        if (timeScale != null) {
            // A number as a number; anything else ("auto", or a mistake) as text, for validation to judge.
            Object value = timeScale.trim();
            try {
                value = Double.parseDouble(timeScale.trim());
            } catch (NumberFormatException notANumber) {
                // kept as text
            }
            c = c.withValue("time-scale", ConfigValueFactory.fromAnyRef(value, "--time-scale"));
        }
        return ScenarioLoader.fromConfig(c, file);
    }

    /** Replications one run may ask for: enough for tight intervals, few enough to finish. */
    static final int MAX_REPLICATIONS = 1000;

    private static void printSummary(RunResult r) {
        RunSummary s = r.summary();
        // Before any figure: a reader who stops at the first lines must not take them for a result.
        for (RunSummary.RunProblem p : s.problems()) {
            System.out.println();
            System.out.println("*** NOT A RESULT (" + p.kind().id() + "): " + p.message());
        }
        System.out.println();
        System.out.println(Headline.lines(s));
        if (s.targetDisagreements() > 0) {
            System.out.println("target disagreed with the ledger " + s.targetDisagreements() + " times: "
                    + s.disagreements());
        }
        if (s.unknownRecipients() > 0) {
            // With an external target this is almost always a "to" formatted unlike identity.address.
            System.out.println("messages for unknown recipients " + s.unknownRecipients()
                    + " (addresses no person of the run has; see unknown-recipient in ledger.csv)");
        }
        for (RunSummary.ThresholdResult t : s.thresholds()) {
            System.out.printf(Locale.ROOT, "threshold %-40s %s (actual %.4g)%n", t.expression(),
                    t.passed() ? "ok" : "FAILED", t.actual());
        }
        for (String w : s.warnings()) {
            System.out.println("warning: " + w);
        }
        for (RunSummary.RunProblem p : s.problems()) {
            System.out.println("NOT A RESULT (" + p.kind().id() + "): " + p.message());
        }
        Path html = r.runDir().resolve("index.html");
        System.out.println("summary: " + r.runDir().resolve("summary.json"));
        if (java.nio.file.Files.exists(html)) {
            System.out.println("report:  " + html.toUri());
        }
        if (r.gatlingReport() != null) {
            System.out.println("gatling: " + r.gatlingReport().toUri());
        }
    }
}
