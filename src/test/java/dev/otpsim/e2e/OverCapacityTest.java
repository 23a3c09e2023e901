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
 * reporting the lag as the target's. 10,000 journeys per real second (20,000 HTTP requests a
 * second, each answer also a delivery, a ledger line and a person's decision; the plain-Gatling
 * baseline alone peaks near 3,000 on two cores) is beyond what one JVM carries on the machines
 * this suite runs on: the verdict does not depend on how fast this one is, nor on how busy.
 */
@Tag("slow")
class OverCapacityTest {

    @Test
    void aRunTheHarnessCannotCarryStopsAndSaysSo(@TempDir Path dir) throws Exception {
        RunResult r = RunFixture.run(dir, """
                name = over-capacity
                seed = 1
                time-scale = 1000
                carriers.sms {}
                people.profile { resend-wait = 30s, patience = 45s, reaction = 2s, typo-rate = 0, give-up-after = 10m }
                load { rate = 10, duration = 500m }   # 10,000 journeys per real second for 30 real seconds
                """);
        RunSummary s = r.summary();
        assertFalse(s.valid());
        assertTrue(s.has(RunSummary.RunProblem.Kind.OVER_CAPACITY), s.problems().toString());
        assertEquals(4, r.exitCode());
        // Stopped long before the 300,000 journeys the load would have started. The verdict needs
        // the 3 s grace and four checks after it; a busy machine delays those checks, so the load
        // planned is five times longer than that, not barely longer (it was 6 s: a loaded machine
        // started all of it before the verdict). A passing run takes no longer: it stops at the verdict.
        assertTrue(s.journeys() < 150_000, "journeys " + s.journeys());
    }
}
