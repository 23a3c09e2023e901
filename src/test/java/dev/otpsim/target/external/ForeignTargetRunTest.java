package dev.otpsim.target.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.Ports;
import dev.otpsim.load.GatlingEngine;
import dev.otpsim.run.RunOptions;
import dev.otpsim.run.RunResult;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end against {@link ForeignOtpService}, a target whose shape differs from the reference
 * contract in every way the scenario can describe. The service only ever says "invalid" for a
 * replaced code; otpsim must still count those submissions as stale, from what the gateway saw.
 */
@Tag("slow")
class ForeignTargetRunTest {
    @TempDir
    Path dir;

    /**
     * People who resend after 1.5 s over an SMS carrier taking 0.5–3 s: many first codes arrive
     * after the resend replaced them, and people who type the first code that arrived type stale ones.
     */
    private static String scenario(String name, String baseUrl, String gateway, String field, String identity,
                                   String channel, String verifyPath) {
        return """
                name = %s
                seed = 11
                time-scale = 1
                target.external {
                  base-url = "%s"
                  code-ttl = 10m
                  identity { user = "%s" }
                  send   { method = POST, path = "/api/otp/request", form { %s = "{address}" } }
                  verify { method = POST, path = "%s", form { %s = "{address}", otp = "{code}" } }
                  outcomes {
                    send = [
                      { status = 200, outcome = accepted }
                      { status = 429, outcome = rate-limited, retry-after { json = "retry_in_s", unit = 1s } }
                    ]
                    verify = [
                      { status = 200, outcome = accepted }
                      { status = 400, json { field = "error", equals = "code_expired" }, outcome = expired }
                      { status = 400, outcome = invalid }
                      { status = 403, json { field = "error", equals = "too_many_attempts" }, outcome = locked, retry-after = 500ms }
                    ]
                  }
                }
                gateway { %s }
                carriers.%s { delay { type = uniform, min = 500ms, max = 3s } }
                people.profile {
                  channel = %s
                  resend-wait = 1s
                  patience { type = fixed, value = 1500ms }
                  reaction { type = uniform, min = 200ms, max = 600ms }
                  code-choice = first
                  typo-rate = 0.1
                  max-resends = 3
                  give-up-after = 12s
                }
                load { rate = 3, duration = 8s, poll-interval = 100ms }
                """.formatted(name, baseUrl, identity, field, verifyPath, field, gateway, channel, channel);
    }


    private RunSummary run(String text) throws IOException {
        Path file = dir.resolve("foreign.conf");
        Files.writeString(file, text);
        Scenario s = ScenarioLoader.load(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunResult r = new GatlingEngine(new PrintStream(out, true)).run(s,
                RunOptions.defaults().withReportsDir(dir.resolve("reports")).quiet().withoutHtml());
        assertTrue(Files.isRegularFile(r.runDir().resolve("unmatched-answers.json")));
        return r.summary();
    }

    private static long count(java.util.Map<String, Long> m, String key) {
        return m.getOrDefault(key, 0L);
    }

    /** The ledger's figures agree with the target's own tally, and the mapping covered every answer. */
    private static void assertLedgerAgreesWithTheTarget(RunSummary s, ForeignOtpService target, Path runDir)
            throws IOException {
        assertEquals(0, target.deliveryFailures.get(), "every code reached the gateway");
        assertEquals(24, s.journeys());
        assertEquals(target.codesSent.get(), s.sends(), "accepted sends = codes the target issued");
        assertTrue(target.staleRejected.get() > 0, "the scenario must produce stale codes to be a test");
        assertEquals(target.staleRejected.get(), count(s.submissions(), "stale"),
                "stale counted from the ledger though the target only said invalid: " + s.submissions());
        assertEquals(target.neverIssuedRejected.get(), count(s.submissions(), "mistyped"), s.submissions()::toString);
        // A current code the target deleted after three strikes is "accepted" in ledger truth but
        // rejected by the target: a disagreement, reported as such.
        assertEquals(target.accepted.get() + count(s.disagreements(), "ledger=accepted target=invalid"),
                count(s.submissions(), "accepted"), () -> s.submissions() + " " + s.disagreements());
        assertEquals(target.accepted.get(), count(s.outcomes(), "success"));
        assertEquals(0, count(s.submissions(), "error"), "every answer was mapped: " + s.submissions());
    }

    @Test
    void twilioShapedDeliveryWithStaleCodesCountedFromTheLedger() throws Exception {
        int gatewayPort = Ports.unreservedFree();
        try (ForeignOtpService target = new ForeignOtpService(ForeignOtpService.Delivery.TWILIO, "phone",
                gatewayPort, "+19990000000", Duration.ofMinutes(10))) {
            RunSummary s = run(scenario("foreign-twilio", target.baseUri().toString(), "port = " + gatewayPort,
                    "phone", "+1555{n:07d}", "sms", "/api/otp/check"));
            assertLedgerAgreesWithTheTarget(s, target, dir);
            // The audit copy went to a number no simulated person has: counted, not dropped silently.
            assertEquals(1, s.unknownRecipients());
        }
    }

    @Test
    void smtpDeliveryToEmailIdentities() throws Exception {
        int smtpPort = Ports.unreservedFree();
        try (ForeignOtpService target = new ForeignOtpService(ForeignOtpService.Delivery.SMTP, "email",
                smtpPort, null, Duration.ofMinutes(10))) {
            RunSummary s = run(scenario("foreign-smtp", target.baseUri().toString(), "smtp-port = " + smtpPort,
                    // A per-person path: Gatling builds it for each request.
                    "email", "u{n}@example.test", "email", "/api/otp/check?channel={channel}&who={user}"));
            assertLedgerAgreesWithTheTarget(s, target, dir);
            assertEquals(0, s.unknownRecipients());
            assertTrue(s.deliveryLatencyMs().containsKey("email"), s.deliveryLatencyMs()::toString);
            assertEquals(s.submissionCount(), target.verifyQueries.size());
            assertTrue(target.verifyQueries.stream().allMatch(q -> q.matches("channel=email&who=u\\d+%40example\\.test")),
                    target.verifyQueries::toString);
        }
    }
}
