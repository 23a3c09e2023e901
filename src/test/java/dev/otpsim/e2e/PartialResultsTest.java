package dev.otpsim.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.metrics.SummaryBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While a run goes, its directory already holds a readable summary, marked partial: what a killed
 * run leaves. It is there as soon as the first metrics windows have closed (issue 11, item 11), not
 * only after the 5 s of the periodic summary — counted in windows of simulated time, not in seconds:
 * at time-scale 60, five 10-second windows close in under a second of real time, while the periodic
 * summary comes after thirty. The final summary replaces it.
 */
@Tag("slow")
class PartialResultsTest {

    @Test
    void summaryJsonExistsOnceTheFirstWindowsHaveClosedAndIsReplacedAtTheEnd(@TempDir Path dir) throws Exception {
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> {
            try {
                return RunFixture.run(dir, """
                        name = long
                        seed = 1
                        time-scale = 60
                        carriers.sms { delay = 3s }
                        people.profile { resend-wait = 30s, patience = 45s, reaction = 2s, typo-rate = 0, give-up-after = 3m }
                        load { rate = 2, duration = 8m }
                        metrics.window = 10s
                        """).summary();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // The summary is written in the same tick as the first window, just after its row: allow the
        // rows of a few more windows for that, far fewer than the thirty of the periodic summary.
        Path runDir = awaitRows(dir, 5, run);
        if (!Files.exists(runDir.resolve("summary.json"))) {
            awaitRows(dir, 8, run);
        }
        assertTrue(Files.exists(runDir.resolve("summary.json")), "no summary.json after the first windows closed");
        RunSummary partial = new ObjectMapper().readValue(runDir.resolve("summary.json").toFile(), RunSummary.class);
        assertFalse(partial.warnings().isEmpty(), "a summary written while the run goes says so");
        assertTrue(partial.warnings().get(0).startsWith("partial"), partial.warnings().toString());

        RunSummary last = run.get();
        assertTrue(partial.journeys() > 0 && partial.journeys() < last.journeys(),
                partial.journeys() + " then " + last.journeys());
        assertFalse(last.warnings().contains(SummaryBuilder.PARTIAL), "the final summary replaces the partial one");
        assertEquals(960, last.journeys());
    }

    /**
     * The run directory once its timeseries.csv has {@code rows} windows; fails if the run ends
     * first. The timeout only guards against hanging.
     */
    private static Path awaitRows(Path reports, int rows, CompletableFuture<RunSummary> run) {
        Path runDir = await("the run's first " + rows + " windows").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> run.isDone() ? reports : windowsClosed(reports) >= rows ? runDir(reports) : null,
                        d -> d != null);
        assertFalse(runDir.equals(reports), "the run ended before " + rows + " windows closed");
        return runDir;
    }

    private static long windowsClosed(Path reports) throws IOException {
        Path runDir = runDir(reports);
        if (runDir == null || !Files.exists(runDir.resolve("timeseries.csv"))) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(runDir.resolve("timeseries.csv"))) {
            return lines.count() - 1;
        }
    }

    private static Path runDir(Path reports) throws IOException {
        try (Stream<Path> dirs = Files.list(reports)) {
            return dirs.filter(Files::isDirectory).findFirst().orElse(null);
        }
    }
}
