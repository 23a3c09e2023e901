package dev.otpsim.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.cli.Main;
import dev.otpsim.security.SecurityRunner.Run;
import dev.otpsim.security.WeakOtpService.Weakness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code otpsim security} against {@link WeakOtpService}: sound, it passes every probe; with one
 * weakness switched on, exactly the probe for that weakness fails, with the evidence to show it.
 */
@Tag("slow")
class WeakTargetSecurityTest {
    private static final String EXPECTED = "max-attempts = 5, max-sends = 5, unknown-user = \"ghost-{n}\"";

    @TempDir
    Path dir;

    private Run probe(String expected, Weakness... weaknesses) throws Exception {
        int gateway = dev.otpsim.Ports.unreservedFree(); // otpsim security starts its gateway itself
        try (WeakOtpService target = new WeakOtpService(gateway, weaknesses)) {
            Path file = dir.resolve("weak.conf");
            Files.writeString(file, SecurityRunner.weakScenario(target.baseUri().toString(), gateway, expected));
            return SecurityRunner.security(dir.resolve("reports"), file, "--codes", "100", "--parallel", "16",
                    "--timeout", "60s");
        }
    }

    private Run probe(Weakness... weaknesses) throws Exception {
        return probe(EXPECTED, weaknesses);
    }

    @Test
    void aSoundServicePassesEveryProbe() throws Exception {
        Run r = probe();
        assertEquals(Main.OK, r.exit(), r::toString);
        for (String id : SecurityProbes.ids()) {
            assertEquals("pass", r.verdict(id), () -> id + ": " + r);
        }
        assertEquals(5, r.evidence("attempt-limit").get("oneAtATimeEvaluated").asInt());
        assertEquals(5, r.evidence("send-flooding").get("backToBackAccepted").asInt());
        assertEquals(5, r.evidence("send-flooding").get("codesAtGatewayAtOnce").asInt());
        // Unknown users were answered like known ones, and got codes like them.
        assertEquals(10, r.evidence("user-enumeration").get("codesSentToUnknownUsers").asInt());
    }

    @Test
    void withNothingDeclaredTheLimitsAreObservedAndEnumerationIsSkipped() throws Exception {
        Run r = probe("");
        assertEquals(Main.OK, r.exit(), r::toString);
        assertEquals("not declared", r.evidence("attempt-limit").get("declaredMaxAttempts").asText());
        assertEquals(5, r.evidence("attempt-limit").get("oneAtATimeEvaluated").asInt());
        assertEquals(5, r.evidence("send-flooding").get("backToBackAccepted").asInt());
        assertEquals("skipped", r.verdict("user-enumeration"));
        assertTrue(r.out().contains("target.external.expected.unknown-user"), r::toString);
    }

    @Test
    void noLockFailsTheAttemptLimit() throws Exception {
        Run r = probe(Weakness.NO_LOCK);
        r.onlyFails("attempt-limit");
        assertEquals(6, r.evidence("attempt-limit").get("oneAtATimeEvaluated").asInt(), r::toString);
        assertTrue(r.evidence("attempt-limit").get("rightCodeAfterRace").asText().endsWith("→ accepted"), r::toString);
        assertEquals("skipped", r.verdict("resend-resets-attempts"));
    }

    @Test
    void aRaceOnTheAttemptCounterFailsTheAttemptLimit() throws Exception {
        Run r = probe(Weakness.ATTEMPT_RACE);
        r.onlyFails("attempt-limit");
        var e = r.evidence("attempt-limit");
        assertEquals(5, e.get("oneAtATimeEvaluated").asInt(), "one at a time the limit holds");
        assertTrue(e.get("raceBeyondLimit").asInt() > 0, r::toString);
        assertTrue(r.out().contains("wrong guesses sent at once were evaluated"), r::toString);
    }

    @Test
    void reusableCodesFailCodeReuse() throws Exception {
        Run r = probe(Weakness.REUSABLE_CODES);
        r.onlyFails("code-reuse");
        assertTrue(r.evidence("code-reuse").get("sameCodeAgain").asText().endsWith("→ accepted"), r::toString);
    }

    @Test
    void counterCodesFailCodeEntropy() throws Exception {
        Run r = probe(Weakness.COUNTER_CODES);
        r.onlyFails("code-entropy");
        assertTrue(r.out().contains("position 1: commonest digit 0 in 100%"), r::toString);
    }

    @Test
    void codesFromASmallRangeFailCodeEntropy() throws Exception {
        Run r = probe(Weakness.SMALL_RANGE_CODES);
        r.onlyFails("code-entropy");
        assertTrue(r.out().contains("equal codes across people"), r::toString);
    }

    @Test
    void aResendThatResetsAttemptsFailsTheResendProbe() throws Exception {
        Run r = probe(Weakness.RESEND_RESETS_ATTEMPTS);
        r.onlyFails("resend-resets-attempts");
        assertEquals(5, r.evidence("resend-resets-attempts").get("nearlyLockedEvaluatedAfterResend").asInt(),
                r::toString);
    }

    @Test
    void aDistinctAnswerForUnknownUsersFailsEnumeration() throws Exception {
        Run r = probe(Weakness.UNKNOWN_USER_ANSWER);
        r.onlyFails("user-enumeration");
        assertTrue(r.out().contains("404 {\"error\":\"no_such_user\"}"), r::toString);
    }

    @Test
    void noSendLimitFailsSendFlooding() throws Exception {
        Run r = probe(Weakness.NO_SEND_LIMIT);
        r.onlyFails("send-flooding");
        assertEquals(6, r.evidence("send-flooding").get("backToBackAccepted").asInt(), r::toString);
    }

    @Test
    void aRaceOnTheSendLimitFailsSendFlooding() throws Exception {
        Run r = probe(Weakness.SEND_RACE);
        r.onlyFails("send-flooding");
        var e = r.evidence("send-flooding");
        assertEquals(5, e.get("backToBackAccepted").asInt(), "back to back the limit holds");
        assertTrue(e.get("codesAtGatewayAtOnce").asInt() > 5, r::toString);
    }
}
