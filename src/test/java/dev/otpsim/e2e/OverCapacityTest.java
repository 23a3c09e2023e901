package dev.otpsim.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.metrics.RunSummary;
import dev.otpsim.run.RunResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load the harness cannot carry ends as "over capacity", early, instead of lagging on and
 * reporting the lag as the target's. At time-scale 100,000 a request taking 20 µs real is already
 * 2 s simulated, so no machine keeps up: the verdict does not depend on how fast this one is.
 */
@Tag("slow")
class OverCapacityTest {

    @Test
    void aRunTheHarnessCannotCarryStopsAndSaysSo(@TempDir Path dir) throws Exception {
        RunResult r = RunFixture.run(dir, """
                name = over-capacity
                seed = 1
                time-scale = 100000
                carriers.sms {}
                people.profile { resend-wait = 30s, patience = 45s, reaction = 2s, typo-rate = 0, give-up-after = 10m }
                load { rate = 0.002, duration = 200h }   # 200 journeys per real second for 7.2 real seconds
                metrics.window = 1h
                """);
        RunSummary s = r.summary();
        assertFalse(s.valid());
        assertTrue(s.has(RunSummary.RunProblem.Kind.OVER_CAPACITY), s.problems().toString());
        assertEquals(4, r.exitCode());
        // Stopped well before the 1,440 journeys the load would have started.
        assertTrue(s.journeys() < 1_440, "journeys " + s.journeys());
    }
}
