package dev.otpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otpsim.report.RunFixture;
import dev.otpsim.report.TestPages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @Test
    void rebuildsTheSameFiguresFromTheRawFiles(@TempDir Path dir) throws Exception {
        RunFixture f = new RunFixture();
        f.windows = 40;
        f.write(dir);
        assertEquals(Main.OK, Main.execute("report", dir.toString()));
        String first = Files.readString(dir.resolve("index.html"));
        Map<String, String> figures = TestPages.figures(first);
        TestPages.assertEqualsSummary(new ObjectMapper().readTree(dir.resolve("summary.json").toFile()), figures);

        // Throw the page and its charts away: everything must come back from the raw files alone.
        Files.delete(dir.resolve("index.html"));
        try (var charts = Files.list(dir.resolve("charts"))) {
            for (Path c : (Iterable<Path>) charts::iterator) {
                Files.delete(c);
            }
        }
        assertEquals(Main.OK, Main.execute("report", dir.toString()));
        String again = Files.readString(dir.resolve("index.html"));
        assertEquals(figures, TestPages.figures(again));
        for (String img : TestPages.images(again)) {
            assertTrue(Files.size(dir.resolve(img)) > 0, img);
        }
    }

    @Test
    void aMissingFileIsOneLineNamingItAndExit2(@TempDir Path dir) throws Exception {
        RunFixture f = new RunFixture();
        f.windows = 12;
        f.write(dir);
        Files.writeString(dir.resolve("timeseries.csv"), "windowStartMs,windowEndMs\n0,10000\n");
        String err = stderrOf(() -> assertEquals(Main.BAD_INPUT, Main.execute("report", dir.toString())));
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.contains("timeseries.csv") && err.contains("missing column journeysStarted"), err);
        assertFalse(err.contains("Exception"), "no stack trace as user interface: " + err);

        String none = stderrOf(() -> assertEquals(Main.BAD_INPUT, Main.execute("report", dir.resolve("nope").toString())));
        assertTrue(none.contains("nope") && none.contains("no such run directory"), none);
    }

    static String stderrOf(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
