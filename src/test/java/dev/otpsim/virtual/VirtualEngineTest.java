package dev.otpsim.virtual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.run.RunOptions;
import dev.otpsim.run.RunOutput;
import dev.otpsim.run.RunResult;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.config.ScenarioException;
import dev.otpsim.scenario.ScenarioLoader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtualEngineTest {
    /** Impatient people, a heavy-tailed SMS delay with loss and duplicates, rotating codes, typos. */
    static final String STORY = """
            name = story
            seed = 11
            target.policy { rotation = latest-only, resend-cooldown = 15s, max-attempts = 3 }
            carriers.sms {
              delay { type = pareto, scale = 2852ms, shape = 2.05, cap = 2m }
              loss { probability = 0.02 }
              duplicate { probability = 0.05, extra-delay = 10s }
            }
            people.profile { resend-wait = 15s, patience = { type = uniform, min = 15s, max = 40s }, reaction = 2s,
                             typo-rate = 0.05, code-choice = { newest = 0.7 }, give-up-after = 10m }
            load { rate = 5, duration = 5m }
            """;

    /** Runs {@code hocon} in virtual time into {@code out}, quietly, without a page. */
    static RunResult run(Path out, String hocon, int replications) throws Exception {
        Scenario s = ScenarioLoader.fromConfig(ConfigFactory.parseString(hocon).resolve(), Path.of("story.conf"));
        return new VirtualEngine(new PrintStream(OutputStream.nullOutputStream())).run(s,
                RunOptions.defaults().withReportsDir(out).withRunId("r").quiet().withoutHtml().withReplications(replications));
    }

    /** Issue 9, item 3: same scenario and seed ⇒ the same bytes, however busy the machine. */
    @Test
    void theSameScenarioAndSeedWriteTheSameBytes(@TempDir Path dir) throws Exception {
        RunResult a = run(dir.resolve("a"), STORY, 3);
        RunResult b = run(dir.resolve("b"), STORY, 3);
        for (String f : List.of(RunOutput.SUMMARY, RunOutput.TIMESERIES, RunOutput.LEDGER, RunOutput.REPLICATIONS)) {
            assertArrayEquals(Files.readAllBytes(a.runDir().resolve(f)), Files.readAllBytes(b.runDir().resolve(f)), f);
        }
        RunSummary s = a.summary();
        assertEquals(RunSummary.VIRTUAL, s.engine());
        assertEquals(3, s.replications());
        assertTrue(s.valid(), s.problems().toString());
        assertTrue(s.journeys() > 4_000, "three replications of 1,500 journeys");
        // Every headline figure carries its sample size and an interval.
        for (String f : List.of("successRate", "staleSubmissionRate", "lockoutRate", "sendAmplification",
                "timeToSignInMs.p50", "messagesPerSuccess", "goodput")) {
            assertTrue(s.estimate(f).hasInterval() && s.estimate(f).n() > 0, f + ": " + s.estimate(f));
        }
        assertFalse(Files.readString(a.runDir().resolve(RunOutput.SUMMARY)).contains("startedAt"),
                "wall-clock facts live in run-info.json");
        assertTrue(Files.readString(a.runDir().resolve(RunOutput.RUN_INFO)).contains("startedAt"));
    }

    @Test
    void anotherSeedGivesOtherFigures(@TempDir Path dir) throws Exception {
        RunSummary a = run(dir.resolve("a"), STORY, 1).summary();
        RunSummary b = run(dir.resolve("b"), STORY.replace("seed = 11", "seed = 12"), 1).summary();
        assertTrue(a.staleSubmissionRate() != b.staleSubmissionRate() || a.sends() != b.sends());
    }

    /**
     * Issue 9, item 4, common random numbers: two variants that differ only in the resend wait
     * start the same people at the same times, and each person's first code meets the same carrier
     * luck — whatever the other people's resends did to the order of messages.
     */
    @Test
    void variantsSeeTheSamePeopleAndTheSameFirstDeliveries(@TempDir Path dir) throws Exception {
        Map<String, String> a = firstDeliveries(run(dir.resolve("a"), STORY, 1).runDir());
        Map<String, String> b = firstDeliveries(run(dir.resolve("b"),
                STORY.replace("resend-wait = 15s", "resend-wait = 60s"), 1).runDir());
        assertEquals(a.size(), b.size());
        assertTrue(a.size() > 1_000);
        int differ = 0;
        for (var e : a.entrySet()) {
            differ += e.getValue().equals(b.get(e.getKey())) ? 0 : 1;
        }
        assertEquals(0, differ, "people whose first code arrived at another time or with another fate");
    }

    /** Each person's start time and the fate of their first message ("visible at t", or "lost"). */
    private static Map<String, String> firstDeliveries(Path runDir) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> firstMessage = new LinkedHashMap<>();
        for (String line : Files.readAllLines(runDir.resolve(RunOutput.LEDGER)).subList(1,
                Files.readAllLines(runDir.resolve(RunOutput.LEDGER)).size())) {
            String[] f = line.split(",", -1);
            switch (f[1]) {
                case "journey-start" -> out.put(f[2], "start " + f[0]);
                case "issued" -> firstMessage.putIfAbsent(f[2], f[5]);
                case "delivered", "lost" -> {
                    if (f[1].equals("lost") || f[5].equals(firstMessage.get(f[2]))) {
                        out.merge(f[2], " " + f[1] + " " + f[0], (x, y) -> x.contains(" lost") || x.contains(" delivered")
                                ? x : x + y);
                    }
                }
                default -> { }
            }
        }
        return out;
    }

    /** Issue 9, item 2: an external target with engine = virtual is refused, and says why. */
    @Test
    void anExternalTargetCannotRunInVirtualTime() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.fromConfig(ConfigFactory.parseString("""
                engine = virtual
                target.external {
                  base-url = "http://127.0.0.1:9000"
                  send { path = "/send", json { user = "{user}" } }
                  verify { path = "/verify", json { user = "{user}", code = "{code}" } }
                  outcomes { verify = [ { status = 200, outcome = accepted } ] }
                }
                gateway { port = 18025 }
                load { rate = 1, duration = 10s }
                """).resolve(), Path.of("ext.conf")));
        assertTrue(e.problems().stream().anyMatch(p -> p.key().equals("engine") && p.message().contains("own clock")),
                e.problems().toString());
    }
}
