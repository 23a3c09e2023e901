package dev.otpsim.target.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.Ports;
import dev.otpsim.load.GatlingEngine;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.run.RunOptions;
import dev.otpsim.run.RunResult;
import dev.otpsim.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service that burns a code after three wrong ones — "403 too many attempts", then "400 no active
 * code" for it — instead of locking the account. Mapped to {@code code-dead}, people ask for a new
 * code rather than retype the dead one, and the run counts those journeys in
 * {@code deadCodeJourneys}, not as lockouts.
 */
@Tag("slow")
class CodeDeadRunTest {
    @TempDir
    Path dir;


    @Test
    void aBurnedCodeMakesPeopleAskForANewOneAndIsNoLockout() throws Exception {
        int gatewayPort = Ports.unreservedFree();
        try (ForeignOtpService target = new ForeignOtpService(ForeignOtpService.Delivery.TWILIO, "phone", gatewayPort,
                null, Duration.ofMinutes(10))) {
            Path file = dir.resolve("burns.conf");
            // Clumsy typists (70 % typos): three wrong codes in a row are common, so codes get burned.
            Files.writeString(file, """
                    name = burns-codes
                    seed = 3
                    time-scale = 1
                    target.external {
                      base-url = "%s"
                      identity { user = "+1555{n:07d}" }
                      send   { path = "/api/otp/request", form { phone = "{address}" } }
                      verify { path = "/api/otp/check",   form { phone = "{address}", otp = "{code}" } }
                      outcomes {
                        send = [ { status = 200, outcome = accepted }
                                 { status = 429, outcome = rate-limited, retry-after { json = "retry_in_s", unit = 1s } } ]
                        verify = [
                          { status = 200, outcome = accepted }
                          { status = 403, json { field = "error", equals = "too_many_attempts" }, outcome = code-dead }
                          { status = 400, json { field = "error", equals = "no_active_code" }, outcome = code-dead }
                          { status = 400, outcome = invalid }
                        ]
                      }
                    }
                    gateway { port = %d }
                    carriers.sms { delay { type = uniform, min = 100ms, max = 400ms } }
                    people.profile {
                      resend-wait = 1s
                      patience { type = fixed, value = 3s }
                      reaction { type = uniform, min = 100ms, max = 300ms }
                      typo-rate = 0.7
                      max-resends = 6
                      give-up-after = 20s
                    }
                    load { rate = 3, duration = 5s, poll-interval = 100ms }
                    """.formatted(target.baseUri(), gatewayPort));
            RunResult r = new GatlingEngine(new PrintStream(new ByteArrayOutputStream(), true)).run(
                    ScenarioLoader.load(file), RunOptions.defaults().withReportsDir(dir.resolve("reports")).quiet()
                            .withoutHtml());
            RunSummary s = r.summary();

            assertTrue(target.burned.get() > 0, "the scenario must burn codes to be a test");
            assertEquals(target.burned.get() + target.noActiveCode.get(), s.submissions().get("code-dead"),
                    "every burn and every 'no active code' is a code-dead submission: " + s.submissions());
            assertTrue(s.deadCodeJourneys() > 0, "journeys that met a dead code are counted: " + s.deadCodeJourneys());
            assertEquals(0, s.lockedJourneys(), "a burned code is no lockout");
            assertEquals(0.0, s.lockoutRate());
            assertEquals(0L, s.outcomes().get("locked-out"));
            assertEquals(0L, s.submissions().get("error"), "every answer mapped: " + s.submissions());

            // From the ledger: after a code-dead answer, the person asks for a new code and never
            // types the dead one again.
            Map<String, Set<String>> dead = new HashMap<>();
            Map<String, Long> lastDeadAt = new HashMap<>();
            int askedAgain = 0;
            Set<String> counted = new HashSet<>();
            List<String> lines = Files.readAllLines(r.runDir().resolve("ledger.csv"));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                long at = Long.parseLong(f[0]);
                String who = f[2];
                if (f[1].equals("submission")) {
                    assertTrue(!dead.getOrDefault(who, Set.of()).contains(f[4]),
                            "a dead code was typed again by " + who + ": " + line);
                    if (f[5].startsWith("code-dead")) {
                        dead.computeIfAbsent(who, k -> new HashSet<>()).add(f[4]);
                        lastDeadAt.put(who, at);
                    }
                } else if (f[1].equals("resend-request") && lastDeadAt.containsKey(who) && at >= lastDeadAt.get(who)
                        && counted.add(who + "@" + lastDeadAt.get(who))) {
                    askedAgain++;
                }
            }
            assertTrue(askedAgain > 0, "people asked for a new code after a code-dead answer");
            assertTrue(s.outcomes().get("success") > 0, "and signed in with it: " + s.outcomes());
        }
    }
}
