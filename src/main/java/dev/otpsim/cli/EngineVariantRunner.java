package dev.otpsim.cli;

import dev.otpsim.scenario.EngineChoice;
import dev.otpsim.run.RunOptions;
import dev.otpsim.report.compare.CompareOptions;
import dev.otpsim.report.compare.Variant;
import dev.otpsim.report.compare.VariantRunner;
import dev.otpsim.scenario.ScenarioLoader;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Runs the variants of a comparison with the real engines, one after another, each exactly as
 * {@code otpsim run} would run that variant's scenario (same seeds, same load, same engine and
 * replications); in virtual time a variant's replications run in parallel.
 */
final class EngineVariantRunner implements VariantRunner {
    private final CompareOptions options;

    EngineVariantRunner(CompareOptions options) {
        this.options = options;
    }

    @Override
    public void check(Variant variant) {
        ScenarioLoader.fromConfig(variant.config(), options.sweepFile());
    }

    @Override
    public Path run(Variant variant, Path runDir) throws Exception {
        var scenario = ScenarioLoader.fromConfig(variant.config(), options.sweepFile());
        RunOptions run = RunOptions.defaults().withReportsDir(runDir.getParent())
                .withRunId(runDir.getFileName().toString()).quiet().withReplications(options.replications());
        // The progress bar owns the console; the engine's own lines would break it.
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
        return Engines.of(scenario.engine(null, EngineChoice.VIRTUAL), silent).run(scenario, run).runDir();
    }
}
