package dev.otpsim.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.Ports;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.run.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run against a target that is down ends promptly, every journey an error — never a hang — and
 * is no result: exit 3, with the cause in words on the console, in summary.json and on the page.
 */
@Tag("slow")
class TargetDownTest {


    @Test
    void aTargetThatRefusesConnectionsGivesErrorOutcomesPromptly(@TempDir Path dir) throws Exception {
        try (Ports.Refusing dead = Ports.refusing()) {
            check(dir, dead.port());
        }
    }

    private static void check(Path dir, int deadPort) throws Exception {
        RunResult r = RunFixture.run(dir, """
                name = target-down
                seed = 1
                time-scale = 1
                gateway { port = %d }
                target.external {
                  base-url = "http://127.0.0.1:%d"
                  identity { user = "u-{n}" }
                  send { method = POST, path = "/otp/send", json { user = "{user}" } }
                  verify { method = POST, path = "/otp/verify", json { user = "{user}", code = "{code}" } }
                  outcomes { verify = [ { status = 200, outcome = accepted }, { status = 401, outcome = invalid } ] }
                }
                people.profile { give-up-after = 2m }
                load { rate = 5, duration = 4s }
                """.formatted(Ports.unreservedFree(), deadPort));
        RunSummary s = r.summary();
        assertEquals(20, s.journeys());
        assertEquals(20L, s.outcomes().get("error"), s.outcomes().toString());
        assertEquals(0, s.sends());
        // In simulated time, not on the wall clock: had anyone waited out their patience (give-up-after
        // 2m), the last journey would have ended at least 2 minutes after the first started.
        assertTrue(s.simulatedDurationMs() < 120_000,
                "ran " + s.simulatedDurationMs() + " ms simulated: a dead target must not make people wait out patience");

        assertEquals(RunResult.RUN_FAILED, r.exitCode(), "a run with no result exits 3");
        assertFalse(s.valid());
        assertEquals(1, s.problems().size(), s.problems()::toString);
        // Each person asked once and gave up on the error: 20 sends, all refused.
        assertEquals("every journey (20) ended in error: connection refused at http://127.0.0.1:" + deadPort
                + " for 20 of 20 sends", s.problems().get(0).message());
        String json = Files.readString(r.runDir().resolve("summary.json"));
        assertTrue(json.contains("connection refused at http://127.0.0.1:" + deadPort + " for 20 of 20 sends"), json);
    }
}
