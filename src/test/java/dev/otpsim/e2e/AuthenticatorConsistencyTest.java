package dev.otpsim.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.metrics.RunSummary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authenticator apps and account recovery in both engines: the embedded target checks app codes
 * over HTTP in the Gatling engine as it does in virtual time, and the figures agree within their
 * joint 95 % intervals.
 */
@Tag("slow")
class AuthenticatorConsistencyTest {
    static final String APPS = """
            name = consistency-apps
            seed = 8
            time-scale = 5
            target.policy { rotation = latest-only, resend-cooldown = 10s, max-attempts = 3, lockout = 30m }
            carriers.sms { delay { type = exponential, mean = 15s, cap = 3m } }
            carriers.voice { delay = 20s }
            people.profile {
              resend-wait = 10s, patience = { type = uniform, min = 10s, max = 20s }, reaction = { type = uniform, min = 2s, max = 10s }
              typo-rate = 0.02, code-choice = first, max-resends = 4, give-up-after = 5m
              authenticator { share = 0.5, clock-skew { type = normal, mean = 0s, stddev = 30s } }
              fallback { after-resends = 2, order = [voice, recovery] }
            }
            recovery { delay = 2d, cost = 15 }
            load { rate = 4, duration = 2m }
            """;

    @Test
    void appsStaleCodesAndRecoveriesAgree(@TempDir Path dir) throws Exception {
        RunSummary[] both = ConsistencyTest.runBoth(dir, APPS);
        RunSummary gatling = both[1];
        assertTrue(gatling.submissions().get("totp-skewed") > 0, "skewed phones over HTTP too: " + gatling.submissions());
        assertTrue(gatling.submissions().get("accepted") > 0.4 * gatling.journeys(), gatling.submissions().toString());
        // A code typed within a few ms of a step boundary may be judged across it by the target: rare, never many.
        assertTrue(gatling.targetDisagreements() <= Math.max(2, gatling.submissionCount() / 100),
                gatling.disagreements().toString());
        for (String f : List.of("successRate", "staleSubmissionRate", "recoveryRate", "sendAmplification")) {
            ConsistencyTest.assertAgree(f, both[0], both[1]);
        }
    }
}
