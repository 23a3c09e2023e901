package dev.otpsim.virtual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.metrics.RunSummary;
import dev.otpsim.run.RunOutput;
import dev.otpsim.run.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authenticator apps and recovery in the virtual-time engine: repeatable to the byte, and fair between variants. */
class AuthenticatorEngineTest {
    /** Impatient SMS people with stale codes and locks; a share on apps with skewed phones; recovery at the end. */
    static final String STORY = """
            name = apps
            seed = 17
            target.policy { rotation = latest-only, resend-cooldown = 15s, max-attempts = 3, lockout = 30m }
            carriers.sms {
              delay { type = pareto, scale = 2852ms, shape = 2.05, cap = 2m }
              loss { probability = 0.05 }
            }
            carriers.voice { delay = 20s }
            people.profile {
              resend-wait = 15s, patience = { type = uniform, min = 15s, max = 40s }, reaction = { type = uniform, min = 2s, max = 12s }
              typo-rate = 0.05, code-choice = { newest = 0.5 }, give-up-after = 10m
              authenticator { share = 0.3, clock-skew { type = normal, mean = 0s, stddev = 25s }, lost-device = 0.05 }
              fallback { after-resends = 2, order = [voice, recovery] }
            }
            recovery { delay = 2d, cost = 15 }
            load { rate = 5, duration = 5m }
            """;

    private static RunResult run(Path out, String hocon, int replications) throws Exception {
        return VirtualEngineTest.run(out, hocon, replications);
    }

    @Test
    void theSameScenarioAndSeedWriteTheSameBytes(@TempDir Path dir) throws Exception {
        RunResult a = run(dir.resolve("a"), STORY, 3);
        RunResult b = run(dir.resolve("b"), STORY, 3);
        for (String f : List.of(RunOutput.SUMMARY, RunOutput.TIMESERIES, RunOutput.LEDGER, RunOutput.REPLICATIONS)) {
            assertArrayEquals(Files.readAllBytes(a.runDir().resolve(f)), Files.readAllBytes(b.runDir().resolve(f)), f);
        }
        RunSummary s = a.summary();
        assertTrue(s.valid(), s.problems().toString());
        // The story exercises every new outcome, else the bytes prove little.
        assertTrue(s.submissions().get("totp-skewed") > 0 && s.submissions().get("totp-rolled-over") > 0,
                s.submissions().toString());
        assertTrue(s.recovery().journeys() > 0, s.outcomes().toString());
        assertEquals(s.recovery().journeys() * 15.0, s.recovery().cost());
        assertTrue(s.estimate("recoveryRate").hasInterval(), s.estimate("recoveryRate").toString());
        assertEquals(0, s.targetDisagreements(), s.disagreements().toString());
        String ledger = Files.readString(a.runDir().resolve(RunOutput.LEDGER));
        assertTrue(ledger.contains(",app-read,") && ledger.contains(",authenticator,"), "app codes in the ledger");
    }

    /** The run page's headline shows recoveries, their cost and the app codes' own refusals, as summary.json has them. */
    @Test
    void theRunPageShowsRecoveriesAndRefusedAppCodes(@TempDir Path dir) throws Exception {
        RunResult r = run(dir, STORY, 1);
        dev.otpsim.report.RunReport.write(r.runDir());
        String page = Files.readString(r.runDir().resolve("index.html"));
        java.util.Map<String, String> figures = dev.otpsim.report.TestPages.figures(page);
        for (String key : List.of("recoveryRate", "recovery.cost", "submissions.totp-rolled-over",
                "submissions.totp-skewed", "submissions.totp-replayed")) {
            assertTrue(figures.containsKey(key), key + " on the page");
        }
        dev.otpsim.report.TestPages.assertEqualsSummary(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.runDir().resolve(RunOutput.SUMMARY).toFile()),
                figures);
        assertTrue(page.contains("data-estimate=\"recoveryRate\""), "with its interval");
    }

    /**
     * Common random numbers: doubling the share keeps everyone who had an app at 30 % on it at 60 %,
     * with the same phone — the people who use the app are a superset, and a person on the app in
     * both variants reads the same first code at the same time.
     */
    @Test
    void aLargerShareKeepsTheSamePeopleOnTheirApps(@TempDir Path dir) throws Exception {
        Set<String> at30 = firstReads(run(dir.resolve("a"), STORY, 1).runDir());
        Set<String> at60 = firstReads(run(dir.resolve("b"), STORY.replace("share = 0.3", "share = 0.6"), 1).runDir());
        assertTrue(at30.size() > 300, "about 30 % of 1,500 journeys: " + at30.size());
        assertTrue(at60.size() > 1.7 * at30.size(), at30.size() + " → " + at60.size());
        assertTrue(at60.containsAll(at30), "people with an app at 30 % read the same code at the same time at 60 %");
    }

    /** Each app user's first read: "address,time,code". */
    private static Set<String> firstReads(Path runDir) throws Exception {
        Set<String> seen = new TreeSet<>();
        Set<String> out = new TreeSet<>();
        for (String line : Files.readAllLines(runDir.resolve(RunOutput.LEDGER))) {
            String[] f = line.split(",", -1);
            if (f.length > 4 && f[1].equals("app-read") && seen.add(f[2])) {
                out.add(f[2] + "," + f[0] + "," + f[4]);
            }
        }
        return out;
    }
}
