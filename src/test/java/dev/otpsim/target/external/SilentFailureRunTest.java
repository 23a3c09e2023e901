package dev.otpsim.target.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.Ports;
import dev.otpsim.carrier.gateway.GatewayRefusals;
import dev.otpsim.load.GatlingEngine;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.report.RunReport;
import dev.otpsim.run.RunOptions;
import dev.otpsim.run.RunResult;
import dev.otpsim.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that produced nothing must not pass for a result. Here the target answers every send,
 * but posts its codes to a path the gateway does not serve: people wait, resend and give up —
 * "abandoned, send amplification 4" — while the gateway answers 404 to every post. The run must
 * exit 3 and say so: no code reached the gateway, which refused N posts to /wrong/path.
 */
@Tag("slow")
class SilentFailureRunTest {
    @TempDir
    Path dir;


    @Test
    void aTargetPostingItsCodesToAWrongPathIsNoResultAndTheRefusalsAreNamed() throws Exception {
        int gatewayPort = Ports.unreservedFree();
        try (ForeignOtpService target = new ForeignOtpService(ForeignOtpService.Delivery.WRONG_PATH, "phone",
                gatewayPort, null, Duration.ofMinutes(10))) {
            Path file = dir.resolve("wrong-path.conf");
            Files.writeString(file, """
                    name = wrong-path
                    seed = 5
                    time-scale = 1
                    target.external {
                      base-url = "%s"
                      identity { user = "+1555{n:07d}" }
                      send   { path = "/api/otp/request", form { phone = "{address}" } }
                      verify { path = "/api/otp/check",   form { phone = "{address}", otp = "{code}" } }
                      outcomes {
                        send = [ { status = 200, outcome = accepted }, { status = 429, outcome = rate-limited, retry-after = 1s } ]
                        verify = [ { status = 200, outcome = accepted }, { status = 400, outcome = invalid } ]
                      }
                    }
                    gateway { port = %d }
                    people.profile {
                      resend-wait = 1500ms
                      patience { type = fixed, value = 1500ms }
                      max-resends = 2
                      give-up-after = 5s
                    }
                    load { rate = 5, duration = 2s, poll-interval = 100ms }
                    """.formatted(target.baseUri(), gatewayPort));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RunResult r = new GatlingEngine(new PrintStream(out, true)).run(ScenarioLoader.load(file),
                    RunOptions.defaults().withReportsDir(dir.resolve("reports")).quiet().withoutHtml());
            RunSummary s = r.summary();

            int posts = target.codesSent.get();
            assertTrue(posts >= 10, "every person asked at least once: " + posts);
            assertEquals(posts, target.deliveryFailures.get(), "the gateway refused every post");
            assertEquals(0, s.outcomes().get("success"));
            assertEquals(posts, s.sends(), "the target accepted every send");

            assertEquals(RunResult.RUN_FAILED, r.exitCode(), "no result: exit 3");
            assertFalse(s.valid());
            assertEquals(List.of(new GatewayRefusals.Refusal("http", "POST /wrong/path", 404, "not_found", posts)),
                    s.gatewayRefusals(), "summary.json counts what the gateway refused, by reason and path");
            String problem = s.problems().get(0).message();
            assertTrue(problem.startsWith("no code reached the gateway for any of the " + posts + " sends the target "
                    + "accepted, so nobody could sign in: the gateway refused " + posts
                    + " posts to /wrong/path (404 not_found)"), problem);

            String json = Files.readString(r.runDir().resolve("summary.json"));
            assertTrue(json.contains("\"gatewayRefusals\""), json);
            assertTrue(json.contains(posts + " posts to /wrong/path (404 not_found)"), "the problem, in summary.json");
            String page = Files.readString(RunReport.write(r.runDir())); // the page, without Gatling's own
            int box = page.indexOf("Not a result");
            assertTrue(box > 0 && box < page.indexOf("<h2>Headline</h2>"), "the cause, at the top of the page");
            assertTrue(page.contains(posts + " posts to /wrong/path (404 not_found)"), "named on the page");
            assertTrue(page.contains("<code>POST /wrong/path</code>"), "listed among the refusals");
        }
    }
}
