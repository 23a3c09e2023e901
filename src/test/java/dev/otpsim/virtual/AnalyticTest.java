package dev.otpsim.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.otpsim.ledger.LedgerLog;
import dev.otpsim.ledger.SubmissionOutcome;
import dev.otpsim.metrics.SummaryBuilder;
import dev.otpsim.metrics.Totals;
import dev.otpsim.person.JourneyOutcome;
import dev.otpsim.run.RunPlan;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.scenario.ScenarioLoader;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model against closed forms, in virtual time: exact, independent of the machine, and with
 * enough journeys (≥ 100,000 where the figure is a share) for a tolerance of 4 standard errors to
 * be tight. A failure here is the model's, never the harness's.
 */
class AnalyticTest {
    private static final double MEAN_S = 20;
    private static final double WAIT_S = 20;
    private static final int JOURNEYS = 100_000;

    /**
     * Exponential SMS delay with mean m; people resend exactly once at w if no code came and type
     * the first code that arrives, at once, without typos. The first code is late with probability
     * e^(−w/m) and then, by memorylessness, arrives before the second with probability ½.
     */
    static Scenario resendOnce(String rotation, int journeys) {
        double rate = 100;
        return scenario("""
                name = analytic-%s
                seed = 99
                target.policy { rotation = %s, resend-cooldown = 0s, max-sends = 10, max-attempts = 10, code-ttl = 1h }
                carriers.sms { delay { type = exponential, mean = %ds } }
                people.profile {
                  resend-wait = %ds, patience = %ds, reaction = 0s, code-choice = first, typo-rate = 0
                  max-resends = 1, give-up-after = 30m
                }
                load { rate = %s, duration = %dms }
                """.formatted(rotation, rotation, (int) MEAN_S, (int) WAIT_S, (int) WAIT_S, rate,
                Math.round(journeys / rate * 1000)));
    }

    @Test
    void underLatestOnlyTheFirstSubmissionIsStaleInHalfOfEToTheMinusWOverMJourneys() {
        Totals t = run(resendOnce("latest-only", JOURNEYS));
        double expected = Math.exp(-WAIT_S / MEAN_S) / 2;
        assertEquals(JOURNEYS, t.journeys());
        assertEquals(JOURNEYS, t.count(JourneyOutcome.SUCCESS), "everyone signs in after the stale code");
        assertShare(expected, t.staleJourneys(), t.journeys(), "journeys whose first submission was stale");
        assertEquals(0, t.staleAccepted(), "latest-only never accepts a superseded code");
        assertTrue(t.disagreements().isEmpty(), t.disagreements().toString());
    }

    @Test
    void underAnyUnexpiredTheSameShareIsStaleButAccepted() {
        Totals t = run(resendOnce("any-unexpired", JOURNEYS));
        double expected = Math.exp(-WAIT_S / MEAN_S) / 2;
        assertShare(expected, t.staleAccepted(), t.journeys(), "submissions stale but accepted");
        assertEquals(0, t.staleJourneys(), "no stale code was rejected");
        assertEquals(t.journeys(), t.submissions(), "one submission per journey: the first always works");
        assertTrue(t.disagreements().isEmpty(), t.disagreements().toString());
    }

    /**
     * Two sends g apart through a carrier with exponential delay (mean m) arrive swapped with
     * probability ½·e^(−g/m): read off the ledger, journey by journey, as the order in which the
     * two codes became visible.
     */
    @Test
    void twoSendsGApartArriveSwappedInHalfOfEToTheMinusGOverM(@TempDir Path dir) throws Exception {
        Scenario s = resendOnce("latest-only", JOURNEYS);
        Path ledger = dir.resolve("ledger.csv");
        try (LedgerLog log = new LedgerLog(ledger)) {
            new VirtualRun(new RunPlan(s, s.seed()), null, log).run(x -> { });
        }
        Map<String, Long> firstVisible = new HashMap<>();
        Map<String, Long> issuedId = new HashMap<>();
        long swapped = 0;
        long people = 0;
        try (BufferedReader in = Files.newBufferedReader(ledger)) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                switch (f[1]) {
                    case "journey-start" -> people++;
                    case "issued" -> issuedId.putIfAbsent(f[2], Long.parseLong(f[5])); // the first send's message
                    case "delivered" -> {
                        if (!firstVisible.containsKey(f[2])) {
                            firstVisible.put(f[2], 1L);
                            swapped += Long.parseLong(f[5]) != issuedId.get(f[2]) ? 1 : 0;
                        }
                    }
                    default -> { }
                }
            }
        }
        assertShare(Math.exp(-WAIT_S / MEAN_S) / 2, swapped, people, "journeys whose second code arrived first");
    }

    /**
     * Typo rate p, max-attempts k, a perfect carrier and patient people who notice each slip and
     * type the code again: a journey is locked when k typings in a row are wrong, p^k.
     */
    @Test
    void typoLockoutIsPToTheK() {
        double p = 0.4;
        int k = 3;
        Totals t = run(scenario("""
                name = typos
                seed = 5
                target.policy { rotation = latest-only, max-attempts = %d, lockout = 1h, code-ttl = 1h }
                carriers.sms { delay = 1s }
                people.profile { resend-wait = 30s, patience = 10m, reaction = 1s, typo-rate = %s, give-up-after = 30m }
                load { rate = 100, duration = 1000s }
                """.formatted(k, p)));
        assertShare(Math.pow(p, k), t.lockedJourneys(), t.journeys(), "journeys locked by typos");
        assertEquals(0, t.selfInflictedLockouts(), "every such lock follows a mistyped code");
        assertEquals(t.lockedJourneys(), t.count(JourneyOutcome.LOCKED_OUT), "locked for longer than their patience");
    }

    /**
     * A carrier sending C messages a second, offered λ > C for T seconds, then λ' < C: the backlog
     * peaks at (λ − C)·T and drains at C − λ' — deterministic, to within a message.
     */
    @Test
    void backlogPeaksAtLambdaMinusCTimesTAndDrainsAtCMinusLambdaPrime(@TempDir Path dir) throws Exception {
        Scenario s = scenario("""
                name = backlog
                seed = 1
                metrics.window = 10s
                carriers.sms { capacity { rate = 10, queue-limit = 100000 } }
                people.profile { resend-wait = 1h, patience = 1h, reaction = 0s, typo-rate = 0, max-resends = 0, give-up-after = 2h }
                load.phases = [ { rate = 15, for = 60s }, { rate = 5, for = 180s } ]
                """);
        new VirtualRun(new RunPlan(s, s.seed()), dir, LedgerLog.none()).run(x -> { });
        List<String> rows = Files.readAllLines(dir.resolve("timeseries.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        int backlog = header.indexOf("backlog_sms");
        int end = header.indexOf("windowEndMs");
        Map<Long, Integer> at = new HashMap<>();
        for (String r : rows.subList(1, rows.size())) {
            String[] f = r.split(",");
            at.put(Long.parseLong(f[end]), Integer.parseInt(f[backlog]));
        }
        assertEquals(150, at.get(30_000L), 1, "(15 − 10) · 30 s");
        assertEquals(300, at.get(60_000L), 1, "peak: (15 − 10) · 60 s");
        assertEquals(300 - 5 * 30, at.get(90_000L), 1, "draining at 10 − 5 = 5 a second");
        assertEquals(0, at.get(130_000L), "empty after 60 s of draining");
    }

    private static void assertShare(double expected, long count, long n, String what) {
        double share = (double) count / n;
        double se = Math.sqrt(expected * (1 - expected) / n);
        assertEquals(expected, share, 4 * se, what + ": " + count + " of " + n);
    }

    private static Totals run(Scenario s) {
        SummaryBuilder.Replication r = new VirtualRun(new RunPlan(s, s.seed()), null, LedgerLog.none()).run(x -> { });
        return r.totals();
    }

    static Scenario scenario(String hocon) {
        return ScenarioLoader.fromConfig(ConfigFactory.parseString(hocon).resolve(), Path.of("analytic.conf"));
    }
}
