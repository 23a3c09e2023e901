package dev.otpsim.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otpsim.cli.Main;
import dev.otpsim.security.SecurityRunner.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code otpsim security} against the embedded reference target, started in-process on loopback. */
@Tag("slow")
class ReferenceTargetSecurityTest {
    @TempDir
    Path dir;

    private Run probe(String policy) throws Exception {
        Path file = dir.resolve("reference.conf");
        Files.writeString(file, """
                name = reference
                target.policy { %s }
                people.profile { resend-wait = 5s }
                load { rate = 1, duration = 1s }
                """.formatted(policy));
        return SecurityRunner.security(dir.resolve("reports"), file, "--codes", "100", "--parallel", "16");
    }

    /** The shipped quickstart's policy, and variants whose limits work differently, all hold. */
    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "rotation = any-unexpired, resend-cooldown = 0s, max-sends = 4",
        "rotation = same-code, max-attempts = 3, code-length = 8",
    })
    void thePolicyPassesEveryProbe(String policy) throws Exception {
        Run r = probe(policy);
        assertEquals(Main.OK, r.exit(), r::toString);
        for (String id : SecurityProbes.ids()) {
            assertEquals("pass", r.verdict(id), () -> id + ": " + r);
        }
    }

    @Test
    void writesJsonAndAPageThatAgree() throws Exception {
        Run r = probe("");
        assertEquals(Main.OK, r.exit(), r::toString);
        JsonNode report = r.report();
        assertEquals("pass", report.get("verdict").asText());
        assertEquals(0, report.get("exitCode").asInt());
        assertEquals(5, report.get("limits").get("maxAttempts").asInt());
        assertTrue(report.get("target").asText().startsWith("http://127.0.0.1:"), report::toString);
        JsonNode race = r.evidence("attempt-limit");
        assertEquals(5, race.get("oneAtATimeEvaluated").asInt());
        assertEquals(21, race.get("raceGuessesAtOnce").asInt());
        assertEquals(5, race.get("raceEvaluated").asInt(), "the policy's max-attempts, exactly");
        assertEquals(1, r.evidence("send-flooding").get("codesAtGatewayAtOnce").asInt(), "the cooldown lets one through");

        String page = Files.readString(r.dir().resolve("security.html"));
        Matcher m = Pattern.compile("data-key=\"probes\\.(\\d+)\\.verdict\" data-value=\"(\\w+)\"").matcher(page);
        int cells = 0;
        while (m.find()) {
            assertEquals(report.get("probes").get(Integer.parseInt(m.group(1))).get("verdict").asText(), m.group(2));
            cells++;
        }
        assertEquals(SecurityProbes.ids().size(), cells);
        assertTrue(page.contains("one at a time evaluated"), "evidence is labelled in words");
        assertTrue(r.out().contains("attempt-limit            pass"), r::toString);
    }

    /** The SPEC's known bypass, switched on in the reference target's own policy. */
    @Test
    void attemptsResetOnResendFailsTheResendProbeOnly() throws Exception {
        Run r = probe("attempts-reset-on-resend = true");
        r.onlyFails("resend-resets-attempts");
        assertEquals(5, r.evidence("resend-resets-attempts").get("nearlyLockedEvaluatedAfterResend").asInt());
    }
}
