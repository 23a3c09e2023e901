package dev.otpsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bench on a tiny configuration: one 1-second rung, two 8-second memory runs, a few hundred
 * timer messages, quickstart at its own time-scale with a core kept busy. Checks that every part produces figures, the table shows them and bench.json
 * reads back — never how fast anything is.
 */
@Tag("slow")
class BenchEndToEndTest {

    @Test
    void aTinyBenchFillsTheTableAndBenchJson(@TempDir Path dir) throws Exception {
        BenchConfig tiny = BenchConfig.DEFAULTS.withRates(List.of(30.0)).withRungSeconds(1)
                .withMemoryRate(60).withMemorySeconds(8).withMemoryRuns(2)
                .withTimerMessages(300).withTimerRate(1000).withTimerDelayMs(100)
                .withBaselineRate(30).withBaselineSeconds(1)
                .withBusyCore(true).withScenarios(List.of("scenarios/quickstart.conf"));
        BenchResult r = new Bench(new PrintStream(OutputStream.nullOutputStream())).run(tiny, dir);

        assertEquals(1, r.ladder().size());
        RungResult rung = r.ladder().get(0);
        assertTrue(rung.journeys() > 0 && rung.completedPerSecond() > 0, rung.toString());
        assertTrue(rung.cpuMsPerJourney() > 0 && rung.wholeRunCpuMsPerJourney() > 0, rung.toString());
        assertTrue(Files.isRegularFile(Path.of(rung.runDir()).resolve("summary.json")));
        assertTrue(rung.peakOpenFiles() > 0 && rung.wakeUpsPerJourney() > 0, rung.toString());
        assertNotNull(r.memory());
        assertEquals(2, r.memory().runs().size());
        for (MemoryResult m : r.memory().runs()) {
            // On a machine too busy for even this, a run is a failed measurement that says why.
            assertTrue(m.failure() != null ? !m.failure().isBlank() : m.journeysBetween() > 0, m.toString());
        }
        assertEquals(1, r.scenarios().size());
        assertEquals("quickstart", r.scenarios().get(0).name());
        assertTrue(r.scenarios().get(0).journeys() > 0, r.scenarios().toString());
        assertEquals(2, r.loadAverage().size());
        assertEquals(300, r.timer().delivered(), r.timer().toString());
        assertTrue(r.baseline().journeys() > 0 && r.baseline().cpuMsPerJourney() > 0, r.baseline().toString());
        assertEquals(0, r.baseline().failedJourneys(), r.baseline().toString());
        assertEquals(6, r.goals().size());

        String table = Bench.table(r);
        assertTrue(table.contains("throughput ladder") && table.contains("retained heap per completed journey")
                && table.contains("carrier timer lateness") && table.contains("plain Gatling baseline") && table.contains("performance goals")
                && table.contains("another process kept one core busy") && table.contains("quickstart"), table);

        BenchResult back = Bench.read(dir.resolve("bench.json"));
        assertEquals(r.ladder(), back.ladder());
        assertEquals(r.timer(), back.timer());
        assertEquals(r.memory(), back.memory());
        assertEquals(r.config(), back.config());
        assertEquals(r.baseline(), back.baseline());
        assertEquals(r.scenarios(), back.scenarios());
    }
}
