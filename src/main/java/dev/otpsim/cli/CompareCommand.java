package dev.otpsim.cli;

import dev.otpsim.load.GatlingEngine;
import dev.otpsim.report.compare.CompareOptions;
import dev.otpsim.scenario.EngineChoice;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.report.compare.CompareReport;
import dev.otpsim.report.compare.Comparison;
import dev.otpsim.report.compare.Sweep;
import dev.otpsim.report.compare.Variant;
import dev.otpsim.report.compare.VariantResult;
import dev.otpsim.report.compare.VariantRunner;
import dev.otpsim.config.ScenarioException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code otpsim compare <sweep>}: runs every variant of a sweep with the same seed and load and
 * writes {@code compare.html} and {@code compare.json} side by side with each variant's own report.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run every variant of a sweep (a base scenario and knobs to vary) with the same seeds and load, "
                + "and write a comparison page with intervals and paired differences. Exit 0 ok, 2 bad sweep or a "
                + "variant failed to run, 3 a variant produced no result, 4 a variant's figures are invalid.")
public final class CompareCommand implements Callable<Integer> {

    /**
     * Builds the runner that executes variants: the real run engine. Tests of the comparison
     * itself may swap it; a null factory refuses to run (there is no pretend run).
     */
    public static volatile Function<CompareOptions, VariantRunner> runnerFactory = EngineVariantRunner::new;


    @Parameters(paramLabel = "SWEEP", description = "sweep file, e.g. scenarios/compare-resend-wait.conf")
    Path sweepFile;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports",
            description = "parent directory of the comparison (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "seed for every variant, instead of the base scenario's")
    Long seed;

    @Option(names = "--time-scale", paramLabel = "X", description = "simulated seconds per real second for every variant")
    Double timeScale;

    @Option(names = "--engine", paramLabel = "ENGINE", converter = EngineConverter.class,
            description = "virtual (the default against the embedded target: exact, the same on every machine) or "
                    + "gatling (scaled real time; the only engine for an external target)")
    EngineChoice engine;

    @Option(names = "--replications", paramLabel = "N",
            description = "runs per variant with seeds derived from the base seed, the same seeds for every variant "
                    + "(default 10 in virtual time, 1 with gatling)")
    Integer replications;

    @Override
    public Integer call() {
        Sweep sweep;
        List<Variant> variants;
        EngineChoice chosen;
        try {
            sweep = Sweep.parse(sweepFile);
            if (seed != null) {
                sweep = sweep.withOverride("seed", seed);
            }
            if (timeScale != null) {
                if (!(timeScale > 0)) {
                    System.err.println("otpsim compare: --time-scale must be greater than zero, got " + timeScale);
                    return Main.BAD_INPUT;
                }
                sweep = sweep.withOverride("time-scale", timeScale);
            }
            chosen = engineFor(sweep);
            sweep = sweep.withOverride("engine", chosen.id());
            variants = sweep.variants();
        } catch (ScenarioException e) {
            return invalid(e);
        }
        java.util.Optional<String> badOut = Failure.outputDirectory(out, "--out");
        if (badOut.isPresent()) {
            System.err.println("otpsim compare: " + badOut.get());
            return Main.BAD_INPUT;
        }
        Function<CompareOptions, VariantRunner> factory = runnerFactory;
        if (factory == null) {
            System.err.println("otpsim compare: this build has no run engine wired in, so no variant can run");
            return Main.BAD_INPUT;
        }
        // Named like a run directory (time first, so listings sort by age), after the sweep.
        Path compareDir = out.resolve(dev.otpsim.run.RunOutput.now() + "-" + sweep.name().replaceAll("[^A-Za-z0-9._-]+", "-"));
        int reps = replications != null ? replications : chosen == EngineChoice.VIRTUAL ? DEFAULT_REPLICATIONS : 1;
        if (reps < 1 || reps > RunCommand.MAX_REPLICATIONS) {
            System.err.println("otpsim compare: --replications must be between 1 and " + RunCommand.MAX_REPLICATIONS
                    + ", got " + reps);
            return Main.BAD_INPUT;
        }
        if (chosen == EngineChoice.GATLING && reps > 1) {
            System.err.println("otpsim compare: --replications needs the virtual engine (each Gatling replication takes "
                    + "real time and its figures depend on the machine)");
            return Main.BAD_INPUT;
        }
        CompareOptions options = new CompareOptions(sweepFile, compareDir, Optional.ofNullable(seed),
                Optional.ofNullable(timeScale), chosen.id(), reps);
        VariantRunner runner;
        try {
            runner = factory.apply(options);
        } catch (RuntimeException e) {
            System.err.println("otpsim compare: cannot start the run engine: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        try {
            Comparison.check(variants, runner);
            Files.createDirectories(compareDir);
        } catch (ScenarioException e) {
            close(runner);
            return invalid(e);
        } catch (IOException e) {
            close(runner);
            System.err.println("otpsim compare: cannot create " + compareDir + ": " + Failure.describe(e));
            return Main.BAD_INPUT;
        }
        System.out.println("comparing " + variants.size() + " variants of " + sweep.baseFile().getFileName() + " into " + compareDir);
        List<VariantResult> results;
        try (CompareProgress progress = CompareProgress.start(variants.size(), System.out)) {
            results = Comparison.run(variants, runner, compareDir, progress);
        } catch (Comparison.VariantFailed e) {
            System.err.println("otpsim compare: " + e.getMessage());
            if (!e.done().isEmpty()) {
                Path partial = CompareReport.write(compareDir, sweep, e.done());
                System.err.println("partial comparison of the " + e.done().size() + " variants that ran: " + partial.toAbsolutePath().toUri());
            }
            return Main.BAD_INPUT;
        } finally {
            close(runner);
        }
        Path html = CompareReport.write(compareDir, sweep, results);
        int exit = Main.OK;
        for (VariantResult r : results) {
            for (var p : r.summary().problems()) {
                System.out.println("NOT A RESULT: variant " + r.variant().id() + " (" + p.kind().id() + "): " + p.message());
                exit = Math.max(exit, p.kind() == dev.otpsim.metrics.RunSummary.RunProblem.Kind.NO_RESULT
                        ? Main.RUN_FAILED : Main.INVALID);
            }
        }
        System.out.println("comparison: " + html.toAbsolutePath().toUri());
        return exit == Main.INVALID || exit == Main.RUN_FAILED ? exit : Main.OK;
    }

    /** Replications per variant in virtual time unless asked: intervals narrow enough to rank most policies. */
    static final int DEFAULT_REPLICATIONS = 10;

    /**
     * {@link Scenario#chooseEngine} on the base file, read before any variant is: {@code --engine},
     * else the base scenario's {@code engine}, else gatling for an external target and virtual time
     * for the embedded one. An unknown {@code engine} is refused here with its file and line: the
     * chosen engine is laid over every variant, so the loader would never see it.
     */
    private EngineChoice engineFor(Sweep sweep) {
        if (engine != null) {
            return engine;
        }
        com.typesafe.config.Config base = dev.otpsim.config.ScenarioFiles.parse(sweep.baseFile());
        dev.otpsim.config.Problems problems = new dev.otpsim.config.Problems();
        dev.otpsim.config.Section root = dev.otpsim.config.Section.root(base, problems);
        EngineChoice declared = dev.otpsim.scenario.ScenarioLoader.declaredEngine(root);
        problems.throwIfAny();
        return Scenario.chooseEngine(null, declared, base.hasPath("target.external"), EngineChoice.VIRTUAL);
    }

    private static void close(VariantRunner runner) {
        try {
            runner.close();
        } catch (RuntimeException e) {
            // The figures are already on disk; a failed shutdown is worth a line, not a lost comparison.
            System.err.println("otpsim compare: warning: stopping the run engine failed: " + e.getMessage());
        }
    }

    private static int invalid(ScenarioException e) {
        System.err.println(e.report("otpsim compare: sweep"));
        return Main.BAD_INPUT;
    }
}
