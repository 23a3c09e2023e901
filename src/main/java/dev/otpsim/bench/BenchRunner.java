package dev.otpsim.bench;

import dev.otpsim.load.GatlingEngine;
import dev.otpsim.run.RunOptions;
import dev.otpsim.run.RunResult;
import dev.otpsim.scenario.Scenario;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Runs a benchmark scenario through the real {@link GatlingEngine}, silently and without the HTML
 * report (chart rendering is not what is measured), keeping each run's own files under one folder.
 */
final class BenchRunner {
    private final Path runsDir;

    BenchRunner(Path runsDir) {
        this.runsDir = runsDir;
    }

    RunResult run(Scenario s) throws IOException {
        return new GatlingEngine(new PrintStream(OutputStream.nullOutputStream()))
                .run(s, RunOptions.defaults().withReportsDir(runsDir).quiet().withoutHtml());
    }
}
