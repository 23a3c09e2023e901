package dev.otpsim.report.compare;

import dev.otpsim.metrics.ReplicationTable;
import dev.otpsim.run.RunOutput;
import dev.otpsim.report.RunDirectory;
import dev.otpsim.report.RunReport;
import dev.otpsim.config.ScenarioException;
import dev.otpsim.config.ScenarioProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a sweep's variants one after another through a {@link VariantRunner} and collects their
 * figures. Every variant is checked before the first runs, so a bad value costs seconds.
 */
public final class Comparison {
    private Comparison() {
    }

    /** Told as variants finish, for a progress bar. */
    public interface Progress {
        void variantDone(int done, int total, VariantResult result, Duration took);
    }

    /** A variant that did not run to the end, with the variants that did (enough for a partial page). */
    public static final class VariantFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Variant variant;
        private final transient List<VariantResult> done;

        VariantFailed(Variant variant, List<VariantResult> done, Throwable cause) {
            super("variant " + variant.id() + " failed: "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
            this.variant = variant;
            this.done = List.copyOf(done);
        }

        public Variant variant() {
            return variant;
        }

        public List<VariantResult> done() {
            return done;
        }
    }

    /**
     * Runs each variant into {@code compareDir/<variant-id>}, making sure each has its own report
     * page. Call {@link #check} first: a bad variant should fail before anything runs.
     *
     * @throws VariantFailed when a run fails; variants before it are kept
     */
    public static List<VariantResult> run(List<Variant> variants, VariantRunner runner, Path compareDir, Progress progress)
            throws VariantFailed {
        List<VariantResult> results = new ArrayList<>();
        for (Variant v : variants) {
            long start = System.nanoTime();
            try {
                Path runDir = runner.run(v, compareDir.resolve(v.id()));
                if (!Files.isRegularFile(runDir.resolve(RunReport.INDEX))) {
                    RunReport.write(runDir);
                }
                results.add(new VariantResult(v, runDir, RunDirectory.readSummary(runDir.resolve(RunDirectory.SUMMARY)),
                        ReplicationTable.read(runDir.resolve(RunOutput.REPLICATIONS))));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new VariantFailed(v, results, e);
            }
            progress.variantDone(results.size(), variants.size(), results.get(results.size() - 1),
                    Duration.ofNanos(System.nanoTime() - start));
        }
        return results;
    }

    /**
     * Checks every variant with the runner, sending no load.
     *
     * @throws ScenarioException with every problem of every variant, each naming its variant
     */
    public static void check(List<Variant> variants, VariantRunner runner) {
        List<ScenarioProblem> problems = new ArrayList<>();
        for (Variant v : variants) {
            try {
                runner.check(v);
            } catch (ScenarioException e) {
                for (ScenarioProblem p : e.problems()) {
                    problems.add(new ScenarioProblem(p.file(), p.line(), p.key(), "variant " + v.id() + ": " + p.message()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
    }
}
