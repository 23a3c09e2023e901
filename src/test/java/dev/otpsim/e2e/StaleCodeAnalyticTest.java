package dev.otpsim.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.run.RunResult;
import dev.otpsim.metrics.RunSummary;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytic check of the whole pipeline (carriers, gateway, target, Gatling people, ledger):
 * SMS delay exponential with mean m; people resend exactly once at w if no code arrived and type
 * the first code that arrives at once, without typos. The first code is late (P = e^(−w/m)) and
 * then, by memorylessness, arrives after the second with probability ½: so the first submission
 * is stale in e^(−w/m)/2 of journeys. Under latest-only it is rejected; under any-unexpired the
 * same share is stale but accepted.
 */
@Tag("slow")
class StaleCodeAnalyticTest {
    private static final double MEAN_S = 20;
    private static final double WAIT_S = 20;
    private static final int JOURNEYS = 1500;

    static String scenario(String rotation) {
        return """
                name = analytic-%s
                seed = 99
                time-scale = 200
                target.policy { rotation = %s, resend-cooldown = 0s, max-sends = 10, max-attempts = 10, code-ttl = 1h }
                carriers.sms { delay { type = exponential, mean = %ds } }
                people.profile {
                  resend-wait = %ds
                  patience = %ds
                  reaction = 0s
                  code-choice = first
                  typo-rate = 0
                  max-resends = 1
                  give-up-after = 30m
                }
                load { rate = %f, duration = 15m, poll-interval = 200ms }
                """.formatted(rotation, rotation, (int) MEAN_S, (int) WAIT_S, (int) WAIT_S, JOURNEYS / 900.0);
    }

    @Test
    void underLatestOnlyTheFirstSubmissionIsStaleInHalfOfEToTheMinusWOverMJourneys(@TempDir Path dir) throws Exception {
        RunResult r = RunFixture.run(dir, scenario("latest-only"));
        RunSummary s = r.summary();
        Map<String, String> first = RunFixture.firstSubmissions(r.runDir());
        long stale = first.values().stream().filter("stale"::equals).count();
        double expected = Math.exp(-WAIT_S / MEAN_S) / 2;
        double share = (double) stale / first.size();
        double tolerance = 4 * Math.sqrt(expected * (1 - expected) / first.size());
        assertTrue(first.size() >= JOURNEYS * 0.95, "journeys with a submission: " + first.size());
        assertEquals(expected, share, tolerance, "first submissions stale: " + stale + " of " + first.size());
        assertEquals(s.journeys(), s.outcomes().get("success"), "everyone signs in after the stale code");
        assertEquals(0, s.staleAccepted(), "latest-only never accepts a superseded code");
        assertEquals(0, s.targetDisagreements(), s.disagreements().toString());
    }

    @Test
    void underAnyUnexpiredTheSameShareIsStaleButAccepted(@TempDir Path dir) throws Exception {
        RunResult r = RunFixture.run(dir, scenario("any-unexpired"));
        RunSummary s = r.summary();
        Map<String, String> first = RunFixture.firstSubmissions(r.runDir());
        long staleAccepted = first.values().stream().filter("stale/accepted"::equals).count();
        double expected = Math.exp(-WAIT_S / MEAN_S) / 2;
        double share = (double) staleAccepted / first.size();
        double tolerance = 4 * Math.sqrt(expected * (1 - expected) / first.size());
        assertEquals(expected, share, tolerance, "first submissions stale but accepted: " + staleAccepted);
        assertEquals(0.0, s.staleJourneyRate(), "no stale code was rejected");
        assertEquals(s.submissionCount(), s.journeys(), "one submission per journey: the first always works");
        assertEquals(0, s.targetDisagreements(), s.disagreements().toString());
    }
}
