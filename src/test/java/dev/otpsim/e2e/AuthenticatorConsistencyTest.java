package dev.otpsim.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.otpsim.load.GatlingEngine;
import dev.otpsim.metrics.Estimate;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.run.RunOptions;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.scenario.ScenarioLoader;
import dev.otpsim.virtual.VirtualEngine;
import java.io.OutputStream;
import java.io.PrintStream;
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
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

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
        Scenario s = ScenarioLoader.fromConfig(ConfigFactory.parseString(APPS).resolve(), Path.of("apps.conf"));
        RunSummary virtual = new VirtualEngine(QUIET).run(s, RunOptions.defaults().withReportsDir(dir.resolve("v"))
                .quiet().withoutHtml().withReplications(10)).summary();
        RunSummary gatling = new GatlingEngine(QUIET).run(s, RunOptions.defaults().withReportsDir(dir.resolve("g"))
                .quiet().withoutHtml()).summary();
        assertTrue(gatling.valid(), "the time-scale is low enough for this machine: " + gatling.problems());
        assertEquals(virtual.journeys() / 10, gatling.journeys(), "the same load");
        assertTrue(gatling.submissions().get("totp-skewed") > 0, "skewed phones over HTTP too: " + gatling.submissions());
        assertTrue(gatling.submissions().get("accepted") > 0.4 * gatling.journeys(), gatling.submissions().toString());
        // A code typed within a few ms of a step boundary may be judged across it by the target: rare, never many.
        assertTrue(gatling.targetDisagreements() <= Math.max(2, gatling.submissionCount() / 100),
                gatling.disagreements().toString());
        for (String f : List.of("successRate", "staleSubmissionRate", "recoveryRate", "sendAmplification")) {
            Estimate v = virtual.estimate(f);
            Estimate g = gatling.estimate(f);
            double hv = v.width() / 2;
            double hg = g.width() / 2;
            assertEquals(v.value(), g.value(), Math.sqrt(hv * hv + hg * hg), f + ": virtual " + v + ", gatling " + g);
        }
    }
}
