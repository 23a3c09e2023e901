package dev.otpsim.target.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.Ports;
import dev.otpsim.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code otpsim probe}: one journey through a foreign target, every step printed. */
class ProbeTest {
    @TempDir
    Path dir;

    private static final String VERIFY_OK = "{ status = 200, outcome = accepted }";

    private static String scenario(String baseUrl, int gatewayPort, String verifyRules) {
        return """
                name = probe
                target.external {
                  base-url = "%s"
                  identity { user = "+1555{n:07d}" }
                  send   { path = "/api/otp/request", form { phone = "{address}" } }
                  verify { path = "/api/otp/check",   form { phone = "{address}", otp = "{code}" } }
                  outcomes {
                    verify = [ %s
                               { status = 400, outcome = invalid }
                               { status = 403, outcome = locked } ]
                  }
                }
                gateway { port = %d }
                people.profile { resend-wait = 5s, patience { type = fixed, value = 5s },
                                 reaction { type = fixed, value = 100ms }, give-up-after = 8s }
                load { rate = 1, duration = 1s, poll-interval = 50ms }
                """.formatted(baseUrl, verifyRules, gatewayPort);
    }


    private record Result(int exit, String out, String err) {
    }

    private Result probe(String text, String... extra) throws IOException {
        Path file = dir.resolve("probe.conf");
        Files.writeString(file, text);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        String[] args = new String[extra.length + 2];
        args[0] = "probe";
        System.arraycopy(extra, 0, args, 1, extra.length);
        args[args.length - 1] = file.toString();
        return new Result(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void printsEachStepOfASuccessfulJourney() throws Exception {
        int port = Ports.unreservedFree();
        try (ForeignOtpService target = new ForeignOtpService(ForeignOtpService.Delivery.TWILIO, "phone", port, null,
                Duration.ofMinutes(10))) {
            Result r = probe(scenario(target.baseUri().toString(), port, VERIFY_OK), "--wrong-code-first");
            String o = r.out();
            assertEquals(Main.OK, r.exit(), o + r.err());
            assertTrue(o.contains("→ POST " + target.baseUri() + "/api/otp/request  phone=%2B15550000001"), o);
            assertTrue(o.contains("← 200  {\"sent\":true}"), o);
            assertTrue(o.contains("gateway received #1: sms to +15550000001, code "), o);
            assertTrue(o.contains("← 400  {\"error\":\"invalid_code\"}"), o);
            assertTrue(o.contains("outcome: invalid  (rule: status 400 → invalid)"), o);
            assertTrue(o.contains("ledger: mistyped"), o);
            assertTrue(o.contains("outcome: accepted  (rule: status 200 → accepted)"), o);
            assertTrue(o.contains("ledger: accepted"), o);
            assertTrue(o.contains("journey ended: success"), o);
            assertEquals(1, target.accepted.get());
        }
    }

    @Test
    void anAnswerNoRuleMatchesIsPointedOutAndFailsTheProbe() throws Exception {
        int port = Ports.unreservedFree();
        try (ForeignOtpService target = new ForeignOtpService(ForeignOtpService.Delivery.TWILIO, "phone", port, null,
                Duration.ofMinutes(10))) {
            Result r = probe(scenario(target.baseUri().toString(), port, ""));
            assertEquals(Main.THRESHOLDS_FAILED, r.exit(), r.out());
            assertTrue(r.out().contains("no rule of target.external.outcomes matched"), r.out());
            assertTrue(r.out().contains("answers no rule matched: {verify 200=1}"), r.out());
            assertTrue(r.out().contains("journey ended: error"), r.out());
        }
    }

    @Test
    void aServiceThatIsDownIsSaidToBeUnreachableNotUnmapped() throws Exception {
        Result r;
        int dead;
        try (Ports.Refusing refusing = Ports.refusing()) { // nothing listens there, nor can start to
            dead = refusing.port();
            r = probe(scenario("http://127.0.0.1:" + dead, Ports.unreservedFree(), VERIFY_OK));
        }
        String o = r.out();
        assertEquals(Main.THRESHOLDS_FAILED, r.exit(), o);
        assertTrue(o.contains("← no response: connection refused"), o);
        assertTrue(o.contains("outcome: error — the service could not be reached: connection refused\n"), o);
        assertFalse(o.contains("add one"), "no advice to add a rule for a service that is down: " + o);
        assertFalse(o.contains("answers no rule matched"), o);
        assertTrue(o.contains("probe: the service at http://127.0.0.1:" + dead + " could not be reached (connection "
                + "refused): is it running? Start it, or correct target.external.base-url"), o);
    }

    @Test
    void whenNoCodeReachesTheGatewayTheProbeSaysSoSoonAndListsWhatTheGatewayRefused() throws Exception {
        int port = Ports.unreservedFree();
        try (ForeignOtpService target = new ForeignOtpService(ForeignOtpService.Delivery.WRONG_PATH, "phone", port, null,
                Duration.ofMinutes(10))) {
            // People would wait 30 s, then resend, and give up after 2 minutes: the probe must not.
            String text = scenario(target.baseUri().toString(), port, VERIFY_OK)
                    .replace("resend-wait = 5s, patience { type = fixed, value = 5s }",
                            "resend-wait = 30s, patience { type = fixed, value = 30s }")
                    .replace("give-up-after = 8s", "give-up-after = 2m");
            Result r = probe(text, "--message-wait", "1s");
            String o = r.out();
            assertEquals(Main.THRESHOLDS_FAILED, r.exit(), o);
            assertTrue(o.contains("probe: no message reached the gateway within 1s (real) after the target accepted "
                    + "the send"), o);
            assertTrue(o.contains("probe: the gateway refused 1 post to /wrong/path (404 not_found)"), o);
            assertTrue(o.contains("journey ended: error (no code reached the gateway)"), o);
            assertFalse(o.contains("resend ("), "it stopped before the person's patience ran out: " + o);
        }
    }

    @Test
    void aServiceThatHandsNothingToTheGatewayIsToldWhereToSendItsCodes() throws Exception {
        // The service posts to a port where nothing listens; the probe's gateway listens on any other.
        try (Ports.Refusing elsewhere = Ports.refusing();
             ForeignOtpService target = new ForeignOtpService(ForeignOtpService.Delivery.TWILIO, "phone",
                     elsewhere.port(), null, Duration.ofMinutes(10))) {
            Result r = probe(scenario(target.baseUri().toString(), Ports.unreservedFree(), VERIFY_OK),
                    "--message-wait", "1s");
            String o = r.out();
            assertEquals(Main.THRESHOLDS_FAILED, r.exit(), o);
            assertTrue(o.contains("probe: the gateway refused nothing either: nothing was handed to it at all"), o);
        }
    }

    /** The foreign service burns a code after three wrong ones: "too many attempts", then "no active code". */
    private static final String BURNS_CODES = """
            { status = 200, outcome = accepted }
            { status = 403, json { field = "error", equals = "too_many_attempts" }, outcome = code-dead }
            { status = 400, json { field = "error", equals = "no_active_code" }, outcome = code-dead }
            """;

    @Test
    void theLockPathChecksTheMappingOfTooManyAttemptsAndCodeGoneAnswers() throws Exception {
        int port = Ports.unreservedFree();
        try (ForeignOtpService target = new ForeignOtpService(ForeignOtpService.Delivery.TWILIO, "phone", port, null,
                Duration.ofMinutes(10))) {
            String text = scenario(target.baseUri().toString(), port, BURNS_CODES).replace("outcomes {",
                    "outcomes {\n send = [ { status = 200, outcome = accepted }, "
                            + "{ status = 429, outcome = rate-limited, retry-after { json = \"retry_in_s\", unit = 1s } } ]");
            Result r = probe(text, "--exhaust-attempts");
            String o = r.out();
            assertEquals(Main.OK, r.exit(), o + r.err());
            assertTrue(o.contains("verify wrong code #1"), o);
            assertTrue(o.contains("verify wrong code #3"), o);
            assertFalse(o.contains("verify wrong code #4"), "it stopped when the service did: " + o);
            assertTrue(o.contains("← 403  {\"error\":\"too_many_attempts\"}"), o);
            assertTrue(o.contains("outcome: code-dead  (rule: status 403, json error = \"too_many_attempts\" → code-dead)"),
                    o);
            assertTrue(o.contains("probe: after 3 wrong codes the service answered code-dead"), o);
            assertTrue(o.contains("← 400  {\"error\":\"no_active_code\"}"), "the right code, once burned: " + o);
            assertTrue(o.contains("outcome: code-dead  (rule: status 400, json error = \"no_active_code\" → code-dead)"),
                    o);
            assertTrue(o.contains("ledger: code-dead"), o);
            assertTrue(o.contains("resend (sms)"), o);
            assertTrue(o.contains("verify the new code"), o);
            assertTrue(o.contains("outcome: accepted  (rule: status 200 → accepted)"), "a new code works: " + o);
            assertTrue(o.contains("probe: lock path mapped: every answer matched a rule; the service stopped taking "
                    + "attempts with code-dead"), o);
            assertEquals(1, target.accepted.get());
        }
    }

    @Test
    void aLockPathAnswerNoRuleMatchesFailsTheProbe() throws Exception {
        int port = Ports.unreservedFree();
        try (ForeignOtpService target = new ForeignOtpService(ForeignOtpService.Delivery.TWILIO, "phone", port, null,
                Duration.ofMinutes(10))) {
            // No rule for the 403: the service's "too many attempts" would be an error in a run.
            String text = scenario(target.baseUri().toString(), port, VERIFY_OK).replace(
                    "{ status = 403, outcome = locked } ]", "]").replace("target.external {",
                    "target.external {\n expected { max-attempts = 3, unknown-user = \"+1999{n:07d}\" }");
            Result r = probe(text, "--exhaust-attempts");
            String o = r.out();
            assertEquals(Main.THRESHOLDS_FAILED, r.exit(), o + r.err());
            assertTrue(o.contains("outcome: error — no rule of target.external.outcomes matched this answer; add one"), o);
            assertTrue(o.contains("verify wrong code #4"), "up to the declared limit + 1: " + o);
            assertFalse(o.contains("verify wrong code #5"), o);
            assertTrue(o.contains("probe: answers no rule matched: {verify 403=1}"), o);
            assertTrue(o.contains("probe: lock path not complete"), o);
        }
    }

    @Test
    void theLockPathAgainstTheReferenceTargetEndsInALock() throws Exception {
        int gatewayPort = Ports.unreservedFree();
        dev.otpsim.target.OtpService service = new dev.otpsim.target.OtpService(
                dev.otpsim.target.TargetPolicy.defaults(), dev.otpsim.clock.ScaledClock.start(1),
                new dev.otpsim.target.HttpGatewayOutbox(java.net.URI.create("http://127.0.0.1:" + gatewayPort)),
                new java.security.SecureRandom());
        try (dev.otpsim.target.TargetServer server = new dev.otpsim.target.TargetServer(service, "127.0.0.1", 0).start()) {
            String text = """
                    name = probe-reference
                    target.external {
                      base-url = "%s"
                      identity { user = "u-{n}" }
                      expected { max-attempts = 5, unknown-user = "ghost-{n}" }
                      send   { path = "/otp/send",   json { user = "{user}", channel = "{channel}" } }
                      verify { path = "/otp/verify", json { user = "{user}", code = "{code}" } }
                      outcomes {
                        send = [ { status = 202, outcome = accepted }
                                 { status = 423, outcome = locked, retry-after { json = "retryAfterMs", unit = 1ms } }
                                 { status = 429, outcome = rate-limited, retry-after { json = "retryAfterMs", unit = 1ms } } ]
                        verify = [ { status = 200, outcome = accepted }
                                   { status = 401, outcome = invalid }
                                   { status = 410, outcome = expired }
                                   { status = 423, outcome = locked, retry-after { json = "retryAfterMs", unit = 1ms } } ]
                      }
                    }
                    gateway { port = %d }
                    people.profile { resend-wait = 5s, give-up-after = 8s }
                    load { rate = 1, duration = 1s }
                    """.formatted(server.baseUri(), gatewayPort);
            Result r = probe(text, "--exhaust-attempts");
            String o = r.out();
            assertEquals(Main.OK, r.exit(), o + r.err());
            assertTrue(o.contains("verify wrong code #1"), o);
            assertTrue(o.contains("← 401"), o);
            assertTrue(o.contains("← 423"), o);
            assertTrue(o.contains("outcome: locked, retry after 30m"), "the lock's length, read from the answer: " + o);
            assertTrue(o.contains("ledger: locked"), o);
            assertTrue(o.contains("resend (sms)"), o);
            assertTrue(o.contains("probe: lock path mapped: every answer matched a rule; the service stopped taking "
                    + "attempts with locked"), o);
        }
    }

    @Test
    void badInputExitsTwo() throws Exception {
        Result noExternal = probe("people.profile { resend-wait = 5s }\nload { rate = 1, duration = 1s }\n");
        assertEquals(Main.BAD_INPUT, noExternal.exit());
        assertTrue(noExternal.err().contains("no target.external section"), noExternal.err());

        Result remote = probe(scenario("http://10.1.2.3:9000", 8025, VERIFY_OK));
        assertEquals(Main.BAD_INPUT, remote.exit());
        assertTrue(remote.err().contains("--allow-target 10.1.2.3"), remote.err());

        Result invalid = probe(scenario("http://127.0.0.1:9000", 8025, "{ status = 200, outcome = fine }"));
        assertEquals(Main.BAD_INPUT, invalid.exit());
        assertTrue(invalid.err().contains("target.external.outcomes.verify[0].outcome"), invalid.err());

        Result wait = probe(scenario("http://127.0.0.1:9000", 8025, VERIFY_OK), "--message-wait", "soon");
        assertEquals(Main.BAD_INPUT, wait.exit());
        assertTrue(wait.err().contains("--message-wait: expected a positive duration"), wait.err());
    }
}
