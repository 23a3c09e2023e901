package dev.otpsim.target.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
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
        int port = freePort();
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
        int port = freePort();
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
    }
}
