package dev.otpsim.target.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.Ports;
import dev.otpsim.cli.Main;
import dev.otpsim.load.GatlingEngine;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.run.RunOptions;
import dev.otpsim.run.RunResult;
import dev.otpsim.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A user's service with authenticator apps ({@link TotpOtpService}): otpsim computes each app
 * user's codes from the secret template in {@code target.external.totp}, sends them through the
 * same verify request with {@code {channel}} = authenticator, and judges them from the secret.
 */
class ExternalTotpTest {
    @TempDir
    Path dir;

    private static String scenario(String baseUrl, int gatewayPort, double share) {
        return """
                name = ext-totp
                seed = 3
                time-scale = 1
                target.external {
                  base-url = "%s"
                  identity { user = "u{n}" }
                  send   { path = "/send", json { user = "{user}" } }
                  verify { path = "/verify", json { user = "{user}", code = "{code}", via = "{channel}" } }
                  outcomes { verify = [ { status = 200, outcome = accepted }, { status = 401, outcome = invalid } ] }
                  totp { secret = "text:otpsim-{user}", step = 30s, digits = 6, window = 1 }
                }
                gateway { port = %d }
                carriers.sms { delay = 200ms }
                people.profile {
                  resend-wait = 5s, patience = 5s, reaction { type = uniform, min = 100ms, max = 400ms }
                  typo-rate = 0, give-up-after = 20s
                  authenticator { share = %s, clock-skew = 0s }
                }
                load { rate = 4, duration = 3s, poll-interval = 50ms }
                """.formatted(baseUrl, gatewayPort, share);
    }


    @Test
    void theProbeTypesACodeComputedFromTheTemplatedSecret() throws Exception {
        int port = Ports.unreservedFree();
        try (TotpOtpService target = new TotpOtpService(port)) {
            Path file = dir.resolve("probe.conf");
            Files.writeString(file, scenario(target.baseUri().toString(), port, 1.0));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                    .execute("probe", "--wrong-code-first", file.toString());
            String o = out.toString();
            assertEquals(Main.OK, exit, o + err);
            assertTrue(o.contains("from the authenticator app"), o);
            assertTrue(o.contains("\"via\":\"authenticator\""), o);
            assertTrue(o.contains("ledger: mistyped") && o.contains("ledger: accepted"), o);
            assertEquals(1, target.appAccepted.get());
            assertEquals(0, target.sends.get(), "no code was sent: the app made it");
        }
    }

    @Test
    @Tag("slow")
    void aRunWithHalfThePeopleOnAppsAgreesWithTheServiceCodeForCode() throws Exception {
        int port = Ports.unreservedFree();
        try (TotpOtpService target = new TotpOtpService(port)) {
            Path file = dir.resolve("run.conf");
            Files.writeString(file, scenario(target.baseUri().toString(), port, 0.5));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RunResult r = new GatlingEngine(new PrintStream(out, true)).run(ScenarioLoader.load(file),
                    RunOptions.defaults().withReportsDir(dir.resolve("reports")).quiet().withoutHtml());
            RunSummary s = r.summary();
            assertEquals(12, s.journeys());
            assertEquals(12, s.outcomes().get("success"), s.outcomes() + "\n" + out);
            assertTrue(target.appAccepted.get() > 0 && target.smsAccepted.get() > 0,
                    "both kinds of people: " + target.appAccepted + " app, " + target.smsAccepted + " sms");
            assertEquals(target.appAccepted.get() + target.smsAccepted.get(), s.submissions().get("accepted"));
            assertEquals(target.sends.get(), s.sends(), "only SMS people asked for a code");
            assertEquals(0, s.targetDisagreements(), s.disagreements().toString());
            assertEquals(target.appAccepted.get(), target.vias.stream().filter("authenticator"::equals).count());
        }
    }
}
