package dev.otpsim.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.metrics.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Perfect carriers and careful people: nothing stale, nobody locked, one send per journey. */
@Tag("slow")
class ZeroFaultTest {

    @Test
    void perfectCarriersGiveNoStaleCodesNoLockoutsAndAmplificationOne(@TempDir Path dir) throws Exception {
        dev.otpsim.run.RunResult r = RunFixture.run(dir, """
                name = zero-fault
                seed = 1
                time-scale = 5
                carriers.sms {}
                people.profile { resend-wait = 30s, patience = 45s, reaction = 2s, typo-rate = 0, give-up-after = 10m }
                load { rate = 2, duration = 30s }
                thresholds = [ "staleSubmissionRate == 0", "sendAmplification == 1" ]
                """);
        RunSummary s = r.summary();
        assertTrue(s.valid(), "at time-scale 5 the harness must not lag: " + s.problems());
        assertEquals(60, s.journeys());
        assertEquals(60L, s.outcomes().get("success"));
        assertEquals(0.0, s.staleSubmissionRate());
        assertEquals(0.0, s.staleJourneyRate());
        assertEquals(0.0, s.lockoutRate());
        assertEquals(1.0, s.sendAmplification());
        assertEquals(0.0, s.retryRatio());
        assertEquals(0, s.targetDisagreements());
        assertEquals(1.0, s.messagesPerSuccess().get("all"));
        assertTrue(s.thresholds().stream().allMatch(RunSummary.ThresholdResult::passed));
        // Time to sign in is the reaction (2 s) and two requests (real ms × 5 at this time-scale):
        // nothing waits on a carrier, and nobody glances at the phone — people wake on arrivals.
        assertTrue(s.timeToSignInMs().p50() >= 2_000 && s.timeToSignInMs().p50() < 3_500, s.timeToSignInMs().toString());
        // One wake-up per journey: the reaction's end. Waiting by glancing every second took three.
        // Look-agains for a copy still in the carrier's mailbox depend on the machine: not counted.
        var harness = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                r.runDir().resolve("run-info.json").toFile()).get("harness");
        long woken = harness.get("wakeUps").asLong() - harness.get("lateRechecks").asLong();
        assertEquals(60, harness.get("journeysEnded").asLong());
        assertTrue(woken <= 60 * 1.5, harness.toString());
        for (String f : new String[] {"summary.json", "timeseries.csv", "ledger.csv", "scenario.conf", "run-info.json",
            "hdr/delivery-sms.hlog", "hdr/time-to-sign-in.hlog"}) {
            assertTrue(Files.size(r.runDir().resolve(f)) > 0, f);
        }
    }
}
