package dev.otpsim.target.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.handset.Channel;
import dev.otpsim.target.TargetProtocol;
import dev.otpsim.person.TargetAnswer;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.config.ScenarioException;
import dev.otpsim.scenario.ScenarioLoader;
import dev.otpsim.config.ScenarioProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading target.external: requests and outcome mapping as written, and every mistake located. */
class ExternalTargetTest {
    @TempDir
    Path dir;

    static final String PEOPLE = """
            people.profile { resend-wait = 30s, patience { type = fixed, value = 45s } }
            load { rate = 1, duration = 1m }
            """;

    static final String TARGET = """
            target.external {
              base-url = "http://127.0.0.1:9000/"
              code-ttl = 10m
              identity { user = "+1555{n:07d}" }
              send { path = "/api/otp/request", form { phone = "{address}", via = "{channel}" } }
              verify {
                path = "/api/users/{user}/check"
                json { otp = "{code}", meta { n = "{n}", trusted = true } }
                headers { X-Api-Key = "k-123" }
              }
              outcomes {
                send = [
                  { status = [200, 201], outcome = accepted }
                  { status = 429, outcome = rate-limited, retry-after { header = Retry-After } }
                ]
                verify = [
                  { status = 200, outcome = accepted }
                  { status = 400, json { field = "error.code", equals = "code_expired" }, outcome = expired }
                  { status = "4xx", body = "too many", outcome = locked, retry-after { json = "retry_in_s", unit = 1s } }
                  { status = 400, outcome = invalid }
                  { status = 403, outcome = locked, retry-after = 5m }
                ]
              }
            }
            gateway { port = 8025 }
            """;

    private Scenario load(String text) throws IOException {
        Path file = dir.resolve("s.conf");
        Files.writeString(file, text);
        return ScenarioLoader.load(file);
    }

    private ScenarioException refused(String text) throws IOException {
        Path file = dir.resolve("s.conf");
        Files.writeString(file, text);
        return assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file));
    }

    private static ScenarioProblem problemAt(ScenarioException e, String key) {
        return e.problems().stream().filter(p -> p.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + key + " in\n" + e.getMessage()));
    }

    @Test
    void requestsAreBuiltFromTheTemplates() throws IOException {
        ExternalTarget t = load(PEOPLE + TARGET).external();
        assertNotNull(t);
        TargetProtocol.Identity who = t.identity(42);
        assertEquals("+15550000042", who.user());
        assertEquals("+15550000042", who.address(), "address defaults to the user");
        assertEquals("http://127.0.0.1:9000", t.baseUrl().toString());

        ExternalRequest send = t.send();
        assertEquals("POST", send.method());
        assertEquals("application/x-www-form-urlencoded", send.contentType());
        assertEquals("phone=%2B15550000042&via=sms", send.body(who, Channel.SMS, null));

        ExternalRequest verify = t.verify();
        assertEquals("/api/users/%2B15550000042/check", verify.path(who, Channel.SMS, "123456"));
        assertEquals("application/json", verify.contentType());
        assertEquals("{\"meta\":{\"n\":\"42\",\"trusted\":true},\"otp\":\"123456\"}",
                verify.body(who, Channel.SMS, "123456"));
        assertEquals(Map.of("X-Api-Key", "k-123"), verify.headers());
        assertEquals(10 * 60_000, t.codeTtl().toMillis());
    }

    @Test
    void answersMapFirstMatchWinsAndUnmatchedAreCountedAsErrors() throws IOException {
        ExternalProtocol p = new ExternalProtocol(load(PEOPLE + TARGET).external(), 1.0);
        assertEquals(TargetAnswer.ACCEPTED, p.sendAnswer(201, ""));
        assertEquals(TargetAnswer.rateLimited(30_000), p.sendAnswer(429, "", h -> h.equals("Retry-After") ? "30" : null));
        assertEquals(TargetAnswer.rateLimited(1_000), p.sendAnswer(429, ""), "no header: the 1 s fallback");
        assertEquals(Set.of("Retry-After"), p.headersRead());

        assertEquals(TargetAnswer.ACCEPTED, p.verifyAnswer(200, "{}"));
        // The same 400 means expired or invalid depending on a JSON field.
        assertEquals(TargetAnswer.EXPIRED, p.verifyAnswer(400, "{\"error\":{\"code\":\"code_expired\"}}"));
        assertEquals(TargetAnswer.INVALID, p.verifyAnswer(400, "{\"error\":{\"code\":\"wrong_code\"}}"));
        assertEquals(TargetAnswer.INVALID, p.verifyAnswer(400, "not json at all"));
        assertEquals(TargetAnswer.locked(90_000), p.verifyAnswer(400, "{\"msg\":\"too many tries\",\"retry_in_s\":90}"));
        assertEquals(TargetAnswer.locked(300_000), p.verifyAnswer(403, ""));

        assertEquals(TargetAnswer.ERROR, p.verifyAnswer(418, "teapot"));
        assertEquals(TargetAnswer.ERROR, p.verifyAnswer(418, "teapot"));
        assertEquals(TargetAnswer.ERROR, p.sendAnswer(-1, null));
        assertEquals(TargetAnswer.ERROR, p.verifyAnswer(503, "{\"error\":\"code_expired\"}"), "5xx is always error");
        assertEquals(Map.of("verify 418", 2L, "send no response or 5xx", 1L, "verify 503", 1L), p.unmatched());
    }

    @Test
    void aTimeScaledTargetsRetryAfterBecomesSimulatedTime() throws IOException {
        ExternalTarget t = load(PEOPLE + "time-scale = 60\n"
                + TARGET.replace("code-ttl = 10m", "code-ttl = 10m, time-scaled = true")).external();
        ExternalProtocol p = new ExternalProtocol(t, 60);
        assertEquals(TargetAnswer.locked(300_000 * 60), p.verifyAnswer(403, ""));
    }

    @Test
    void timeScaleMustBeOneUnlessTheTargetsDurationsAreScaled() throws IOException {
        ScenarioException e = refused("time-scale = 60\n" + PEOPLE + TARGET);
        ScenarioProblem p = problemAt(e, "time-scale");
        assertEquals(1, p.line());
        assertTrue(p.message().contains("own wall clock") && p.message().contains("time-scaled = true"), p::message);
    }

    @Test
    void mistakesAreLocatedWithWhatWasExpected() throws IOException {
        String broken = PEOPLE + TARGET
                .replace("user = \"+1555{n:07d}\"", "user = \"+1555{num}\"")
                .replace("path = \"/api/users/{user}/check\"", "path = \"/api/users/{user}/check\", metod = GET")
                .replace("{ status = 200, outcome = accepted }", "{ status = 20, outcome = accepted }")
                .replace("retry-after = 5m", "retry-after = 5m, outcome = lockd")
                .replace("{ status = 429, outcome = rate-limited", "{ status = 503, outcome = rate-limited")
                .replace("gateway { port = 8025 }", "");
        ScenarioException e = refused(broken);
        assertTrue(problemAt(e, "target.external.identity.user").message().contains("unknown placeholder {num}"));
        assertTrue(problemAt(e, "target.external.verify.metod").message().contains("unknown key"));
        assertTrue(problemAt(e, "target.external.outcomes.verify[0].status").message().contains("\"4xx\""));
        assertTrue(problemAt(e, "target.external.outcomes.verify[4].outcome").message().contains("rate-limited"));
        assertTrue(problemAt(e, "gateway").message().contains("gateway.port"));
        assertTrue(problemAt(e, "target.external.outcomes.send[1].status").message().contains("always an error"));
        assertEquals(6, problemAt(e, "target.external.identity.user").line());
    }

    @Test
    void theVerifyRequestMustSendTheCodeAndASendCannot() throws IOException {
        ScenarioException e = refused(PEOPLE + TARGET
                .replace("otp = \"{code}\"", "otp = \"none\"")
                .replace("via = \"{channel}\"", "via = \"{code}\""));
        assertTrue(problemAt(e, "target.external.verify").message().contains("{code}"), e::getMessage);
        assertTrue(problemAt(e, "target.external.send.form.via").message().contains("unknown placeholder {code}"));
    }

    @Test
    void aJsonTextBodyIsCheckedAndEscaped() throws IOException {
        ExternalTarget t = load(PEOPLE + TARGET.replace(
                "json { otp = \"{code}\", meta { n = \"{n}\", trusted = true } }",
                "json = \"\"\"{\"otp\": \"{code}\", \"who\": \"{user}\"}\"\"\"")).external();
        TargetProtocol.Identity odd = new TargetProtocol.Identity(1, "a\"b", "x");
        assertEquals("{\"otp\": \"12\", \"who\": \"a\\\"b\"}", t.verify().body(odd, Channel.SMS, "12"));

        ScenarioException e = refused(PEOPLE + TARGET.replace(
                "json { otp = \"{code}\", meta { n = \"{n}\", trusted = true } }",
                "json = \"\"\"{\"otp\": {code}}\"\"\""));
        assertTrue(problemAt(e, "target.external.verify.json").message().contains("valid JSON"), e::getMessage);
    }

    @Test
    void theWorkedExampleValidates() {
        Scenario s = ScenarioLoader.load(Path.of("scenarios/external-example.conf"));
        assertEquals("http://127.0.0.1:9000", s.external().baseUrl().toString());
        assertEquals(8025, s.gateway().port());
        assertEquals(1.0, s.timeScale());
        assertTrue(s.describe().contains("external target http://127.0.0.1:9000"), s::describe);
    }

    @Test
    void templates() {
        Template t = Template.parse("u{n:05d}@{n}.test", Set.of("n"));
        assertEquals("u00042@42.test", t.render(n -> "42", v -> v));
        assertEquals("{\"a\":1}", Template.parse("{\"a\":1}", Set.of("n")).render(n -> "x", v -> v));
        assertThrows(IllegalArgumentException.class, () -> Template.parse("{user:07d}", Set.of("user")));
        assertThrows(IllegalArgumentException.class, () -> Template.parse("{n:7x}", Set.of("n")));
    }
}
