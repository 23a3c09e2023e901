package dev.otpsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.carrier.impairment.LossReason;
import dev.otpsim.handset.Channel;
import dev.otpsim.ledger.Classification;
import dev.otpsim.ledger.SubmissionOutcome;
import dev.otpsim.person.JourneyOutcome;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every headline field of a summary comes from the count it names: each count below is different,
 * so a formula reading the wrong one (or two arguments swapped) fails here.
 */
class SummaryBuilderTest {
    private static final SummaryBuilder.RunInfo INFO = new SummaryBuilder.RunInfo("s", "s.conf", RunSummary.VIRTUAL,
            7, Double.POSITIVE_INFINITY, EnumSet.of(Channel.SMS, Channel.VOICE), false);

    /** 100 journeys: 70 success, 20 abandoned, 6 locked out, 4 error, with distinct side counts. */
    private static Totals totals() {
        RunMetrics m = new RunMetrics(MetricsSpec.defaults(), EnumSet.of(Channel.SMS, Channel.VOICE));
        int[][] outcomes = {{70, 0}, {20, 1}, {6, 2}, {4, 3}};
        int n = 0;
        for (int[] o : outcomes) {
            for (int i = 0; i < o[0]; i++, n++) {
                JourneyOutcome outcome = JourneyOutcome.values()[o[1]];
                m.journeyStarted(n * 100L);
                m.sendAccepted(n * 100L, true);
                boolean locked = outcome == JourneyOutcome.LOCKED_OUT || (outcome == JourneyOutcome.ABANDONED && i < 3);
                m.journeyEnded(n * 100L + 50, outcome, locked, locked && i % 3 == 0, i < 9, i < 2,
                        outcome == JourneyOutcome.SUCCESS ? 10_000 + i * 100L : 0, 1, i == 0 ? 1 : 0);
            }
        }
        for (int i = 0; i < 30; i++) {
            m.sendAccepted(5_000, false); // 30 resends: 130 sends
        }
        submit(m, SubmissionOutcome.ACCEPTED, 70, false, false);
        submit(m, SubmissionOutcome.STALE, 11, true, false);
        submit(m, SubmissionOutcome.STALE, 5, false, true);
        submit(m, SubmissionOutcome.EXPIRED, 3, false, true);
        submit(m, SubmissionOutcome.MISTYPED, 2, false, false);
        for (int i = 0; i < 90; i++) {
            m.issued(Channel.SMS);
        }
        for (int i = 0; i < 50; i++) {
            m.issued(Channel.VOICE);
        }
        m.lost(LossReason.LOSS);
        m.duplicated();
        m.duplicated();
        return m.totals();
    }

    private static void submit(RunMetrics m, SubmissionOutcome o, int n, boolean accepted, boolean pastTtl) {
        for (int i = 0; i < n; i++) {
            m.submission(1_000, new Classification(o, accepted, pastTtl, "x", null));
        }
    }

    @Test
    void everyHeadlineFieldReadsItsOwnCount() {
        RunSummary s = SummaryBuilder.build(INFO, new SummaryBuilder.Replication(7, totals(), 100_000, List.of()),
                List.of(), List.of(), List.of());
        assertEquals(100, s.journeys());
        assertEquals(70L, s.outcomes().get("success"));
        assertEquals(20L, s.outcomes().get("abandoned"));
        assertEquals(6L, s.outcomes().get("locked-out"));
        assertEquals(4L, s.outcomes().get("error"));
        assertEquals(91, s.submissionCount());
        assertEquals(16L, s.submissions().get("stale"));
        assertEquals(11, s.staleAccepted());
        assertEquals(5, s.stalePastTtl());
        assertEquals(16 / 91.0, s.staleSubmissionRate(), 1e-12);
        assertEquals((9 + 9 + 6 + 4) / 100.0, s.staleJourneyRate(), 1e-12, "i < 9 in each of the four groups");
        assertEquals(9, s.lockedJourneys(), "6 locked out + 3 abandoned after a lock");
        assertEquals(0.09, s.lockoutRate(), 1e-12);
        assertEquals(6, s.selfInflictedLockouts(), "locks without a mistyped submission");
        assertEquals(8, s.deadCodeJourneys());
        assertEquals(130, s.sends());
        assertEquals(1.3, s.sendAmplification(), 1e-12);
        assertEquals(30 / 130.0, s.retryRatio(), 1e-12);
        assertEquals(4, s.sendsWithoutCode());
        assertEquals(140 / 70.0, s.messagesPerSuccess().get("all"), 1e-12);
        assertEquals(90 / 70.0, s.messagesPerSuccess().get("sms"), 1e-12);
        assertEquals(50 / 70.0, s.messagesPerSuccess().get("voice"), 1e-12);
        assertEquals(0.7, s.goodput(), 1e-12, "70 successes in 100 simulated seconds");
        assertEquals(1.0, s.offeredRate(), 1e-12);
        assertEquals(1, s.lostMessages().get("loss"));
        assertEquals(2, s.duplicatedMessages());
        assertEquals(70, s.timeToSignInMs().count());
        assertEquals(10_000, s.timeToSignInMs().p50(), 4_000);
        assertTrue(s.valid());
        // The estimates agree with the fields they stand beside.
        assertEquals(s.staleSubmissionRate(), s.estimate("staleSubmissionRate").value(), 1e-12);
        assertEquals(91, s.estimate("staleSubmissionRate").n());
        assertEquals(0.7, s.estimate("successRate").value(), 1e-12);
        assertEquals(100, s.estimate("successRate").n());
        assertEquals(0.06, s.estimate("selfInflictedLockoutRate").value(), 1e-12);
        assertEquals(1.3, s.estimate("sendAmplification").value(), 1e-12);
    }

    @Test
    void intervalsNeverClaimImpossibleValues() {
        Totals none = new RunMetrics(MetricsSpec.defaults(), EnumSet.of(Channel.SMS)).totals();
        var reps = List.of(new SummaryBuilder.Replication(1, none, 1000, List.of()),
                new SummaryBuilder.Replication(2, none, 1000, List.of(new RunSummary.Storm(0, 1, 1, 1, 1, -1, false))),
                new SummaryBuilder.Replication(3, none, 1000, List.of()));
        RunSummary s = SummaryBuilder.build(INFO, reps, List.of(), List.of(), List.of());
        Estimate storms = s.estimate("retryStorms");
        assertTrue(storms.low() >= 0, "a storm count below zero: " + storms);
        for (var e : s.estimates().entrySet()) {
            if (e.getValue().hasInterval()) {
                assertFalse(e.getValue().low() < 0, e.getKey() + ": " + e.getValue());
            }
        }
    }

    /** Storms are counted per run: with replications the figure is their mean, inside its interval. */
    @Test
    void stormsPerRunAreTheMeanOfTheReplications() {
        RunSummary.Storm storm = new RunSummary.Storm(60_000, 30_000, 3, 0.6, 40, -1, false);
        List<SummaryBuilder.Replication> reps = List.of(
                new SummaryBuilder.Replication(1, totals(), 100_000, List.of()),
                new SummaryBuilder.Replication(2, totals(), 100_000, List.of()),
                new SummaryBuilder.Replication(3, totals(), 100_000, List.of(storm, storm)),
                new SummaryBuilder.Replication(4, totals(), 100_000, List.of(storm)));
        Estimate e = SummaryBuilder.build(INFO, reps, List.of(), List.of(), List.of()).estimates().get("retryStorms");
        assertEquals(0.75, e.value(), 1e-12, "(0 + 0 + 2 + 1) / 4 runs, not the first run's 0");
        assertEquals(4, e.n());
        assertTrue(e.low() <= e.value() && e.value() <= e.high(), e.toString());
    }
}
