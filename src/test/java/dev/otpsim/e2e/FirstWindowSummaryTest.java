package dev.otpsim.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otpsim.metrics.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed in its first seconds must leave a summary.json (issue 11, item 11): the partial
 * summary is written as soon as the first metrics window closes, not only every 5 s of real time.
 * Counted in windows of simulated time, not in seconds: at time-scale 60, five 10-second windows
 * close in under a second of real time, while the periodic summary comes after thirty.
 */
@Tag("slow")
class FirstWindowSummaryTest {

    @Test
    void summaryJsonExistsOnceTheFirstWindowsHaveClosed(@TempDir Path dir) throws Exception {
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
            try {
                RunFixture.run(dir, """
                        name = early
                        seed = 1
                        time-scale = 60
                        carriers.sms { delay = 3s }
                        people.profile { resend-wait = 30s, patience = 45s, reaction = 2s, typo-rate = 0, give-up-after = 3m }
                        load { rate = 2, duration = 4m }
                        metrics.window = 10s
                        """);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        ObjectMapper json = new ObjectMapper();
        // The summary is written in the same tick as the first window, just after its row: allow the
        // rows of a few more windows for that, far fewer than the thirty of the periodic summary.
        Path summary = awaitRows(dir, 5, run);
        if (!Files.exists(summary)) {
            awaitRows(dir, 8, run);
        }
        assertTrue(Files.exists(summary), "no summary.json after the first windows closed");
        RunSummary partial = json.readValue(summary.toFile(), RunSummary.class);
        assertTrue(partial.warnings().get(0).startsWith("partial"), partial.warnings().toString());
        run.get();
    }

    /** Waits until the run's timeseries.csv has {@code rows} windows (or the run ends); returns its summary.json path. */
    private static Path awaitRows(Path reports, int rows, CompletableFuture<Void> run) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L; // only against hanging forever
        while (System.nanoTime() < deadline && !run.isDone()) {
            Path runDir = runDir(reports);
            if (runDir != null && Files.exists(runDir.resolve("timeseries.csv"))) {
                long n;
                try (Stream<String> lines = Files.lines(runDir.resolve("timeseries.csv"))) {
                    n = lines.count() - 1;
                }
                if (n >= rows) {
                    return runDir.resolve("summary.json");
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the run ended or hung before " + rows + " windows closed");
    }

    private static Path runDir(Path reports) throws IOException {
        try (Stream<Path> dirs = Files.list(reports)) {
            return dirs.filter(Files::isDirectory).findFirst().orElse(null);
        }
    }
}
