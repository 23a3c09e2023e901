package dev.otpsim.bench;

import dev.otpsim.load.RunEngine;
import dev.otpsim.load.RunOptions;
import dev.otpsim.load.RunResult;
import dev.otpsim.scenario.Scenario;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Runs a benchmark scenario through the real {@link RunEngine}, silently and without the HTML
 * report (chart rendering is not what is measured), keeping each run's own files under one folder.
 */
final class BenchRunner {
    private final Path runsDir;

    BenchRunner(Path runsDir) {
        this.runsDir = runsDir;
    }

    RunResult run(Scenario s) throws IOException {
        return new RunEngine(new PrintStream(OutputStream.nullOutputStream()))
                .run(s, RunOptions.defaults().withReportsDir(runsDir).quiet().withoutHtml());
    }
}
