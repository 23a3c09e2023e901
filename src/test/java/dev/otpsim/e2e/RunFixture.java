package dev.otpsim.e2e;

import com.typesafe.config.ConfigFactory;
import dev.otpsim.load.GatlingEngine;
import dev.otpsim.run.RunOptions;
import dev.otpsim.run.RunResult;
import dev.otpsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs a scenario given as HOCON text, end to end, into a temporary reports directory. */
final class RunFixture {
    private RunFixture() {
    }

    static RunResult run(Path reports, String hocon) throws IOException {
        Path file = reports.resolve("scenario.conf");
        Files.createDirectories(reports);
        Files.writeString(file, hocon);
        var scenario = ScenarioLoader.fromConfig(ConfigFactory.parseString(hocon).resolve(), file);
        return new GatlingEngine(new PrintStream(OutputStream.nullOutputStream()))
                .run(scenario, RunOptions.defaults().withReportsDir(reports).quiet().withoutHtml());
    }

    /** Each journey's first submission outcome, from ledger.csv ("stale", "accepted", "stale/accepted"...). */
    static Map<String, String> firstSubmissions(Path runDir) throws IOException {
        Map<String, String> first = new HashMap<>();
        List<String> lines = Files.readAllLines(runDir.resolve("ledger.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f[1].equals("submission")) {
                first.putIfAbsent(f[2], f[5].replaceAll(" .*", "")); // "stale/accepted target=accepted" → "stale/accepted"
            }
        }
        return first;
    }
}
