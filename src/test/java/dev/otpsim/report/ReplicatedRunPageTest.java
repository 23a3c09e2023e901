package dev.otpsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import dev.otpsim.run.RunOptions;
import dev.otpsim.run.RunResult;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.scenario.ScenarioLoader;
import dev.otpsim.virtual.VirtualEngine;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run of several replications: the page's storm headline is the mean per run, equal to summary.json. */
class ReplicatedRunPageTest {

    @Test
    void stormsPerRunAreTheEstimateNotTheFirstRunsCount(@TempDir Path dir) throws Exception {
        Scenario s = ScenarioLoader.fromConfig(ConfigFactory.parseString("""
                name = replicated
                seed = 3
                carriers.sms { delay { type = exponential, mean = 5s } }
                people.profile { resend-wait = 30s, patience = 45s, reaction = 2s, typo-rate = 0, give-up-after = 5m }
                load { rate = 1, duration = 2m }
                """).resolve(), Path.of("replicated.conf"));
        RunResult r = new VirtualEngine(new PrintStream(OutputStream.nullOutputStream())).run(s,
                RunOptions.defaults().withReportsDir(dir).withRunId("r").quiet().withReplications(3));
        String html = Files.readString(r.runDir().resolve("index.html"));
        Map<String, String> figures = TestPages.figures(html);
        assertTrue(figures.containsKey("estimates.retryStorms.value"), figures.keySet().toString());
        assertFalse(figures.containsKey("retryStorms.length"), "one run's count is not the headline of three");
        JsonNode summary = new ObjectMapper().readTree(r.runDir().resolve("summary.json").toFile());
        TestPages.assertEqualsSummary(summary, figures);
        assertEquals(3, summary.get("replications").asInt());
    }
}
