package dev.otpsim.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.metrics.SummaryBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While a run goes, its directory already holds a readable summary (what a killed run leaves). */
@Tag("slow")
class PartialResultsTest {

    @Test
    void summaryJsonIsReadableAndMarkedPartialWhileTheRunGoes(@TempDir Path dir) throws Exception {
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> {
            try {
                return RunFixture.run(dir, """
                        name = long
                        seed = 1
                        time-scale = 60
                        carriers.sms { delay = 3s }
                        people.profile { resend-wait = 30s, patience = 45s, reaction = 2s, typo-rate = 0 }
                        load { rate = 2, duration = 8m }
                        """).summary();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        RunSummary partial = null;
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (partial == null && !run.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            Path summary = summaryOf(dir);
            if (summary != null) {
                partial = json.readValue(summary.toFile(), RunSummary.class);
            }
        }
        RunSummary last = run.get();
        assertNotNull(partial, "no summary.json appeared while the run went");
        assertTrue(partial.warnings().get(0).startsWith("partial"), partial.warnings().toString());
        assertTrue(partial.journeys() > 0 && partial.journeys() < last.journeys(),
                partial.journeys() + " then " + last.journeys());
        assertFalse(last.warnings().contains(SummaryBuilder.PARTIAL), "the final summary replaces the partial one");
        assertEquals(960, last.journeys());
    }

    private static Path summaryOf(Path reports) throws Exception {
        try (Stream<Path> dirs = Files.list(reports)) {
            return dirs.map(d -> d.resolve("summary.json")).filter(Files::isRegularFile).findFirst().orElse(null);
        }
    }
}
