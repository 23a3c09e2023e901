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

    /**
     * A second run with different counts for every field the first test does not read: identity,
     * replications, recovery, latencies, harness lag, disagreements, unknown recipients, losses by
     * reason, storms, faults, thresholds, problems and warnings. Each value is distinct from its
     * neighbours in {@link RunSummary}'s component list, so two positional arguments swapped fail.
     */
    @Test
    void everyOtherFieldReadsItsOwnInput() {
        var recovery = new dev.otpsim.person.AccountRecovery(3_600_000, 12.5, "EUR");
        var info = new SummaryBuilder.RunInfo("scn", "dir/scn.conf", RunSummary.GATLING, 11, 60.0,
                EnumSet.of(Channel.SMS, Channel.EMAIL), true, recovery);
        RunMetrics a = new RunMetrics(MetricsSpec.defaults(), EnumSet.of(Channel.SMS, Channel.EMAIL));
        RunMetrics b = new RunMetrics(MetricsSpec.defaults(), EnumSet.of(Channel.SMS, Channel.EMAIL));
        // a: 10 journeys, 3 end in recovery; b: 6 journeys, 1 in recovery; the rest succeed.
        endJourneys(a, 10, 3);
        endJourneys(b, 6, 1);
        a.delivered(Channel.SMS, 1_000, 4_000, 40);
        a.delivered(Channel.SMS, 2_000, 4_000, 40);
        b.delivered(Channel.EMAIL, 1_000, 900, 7);
        a.submission(1_000, new Classification(SubmissionOutcome.ACCEPTED, false, false, "x", "ledger=accepted target=invalid"));
        a.submission(1_000, new Classification(SubmissionOutcome.STALE, true, false, "x", "ledger=stale target=accepted"));
        b.submission(1_000, new Classification(SubmissionOutcome.STALE, true, false, "x", "ledger=stale target=accepted"));
        a.httpSendMicros(30_000); // 30 ms real × 60 = 1,800 ms simulated: under the 2 s limit
        b.httpVerifyMicros(10_000); // 600 ms simulated
        for (int i = 0; i < 5; i++) {
            a.unknownRecipient();
        }
        a.duplicated();
        a.lost(LossReason.OUTAGE);
        a.lost(LossReason.QUEUE_FULL);
        b.lost(LossReason.QUEUE_FULL);
        for (int i = 0; i < 3; i++) {
            b.lost(LossReason.EXPIRED_UNREACHABLE);
        }
        var stormA = new RunSummary.Storm(10_000, 30_000, 3, 0.4, 25, 5_000, true);
        var stormB = new RunSummary.Storm(20_000, 40_000, 4, 0.5, 26, -1, false);
        var reps = List.of(new SummaryBuilder.Replication(11, a.totals(), 100_000, List.of(stormA)),
                new SummaryBuilder.Replication(12, b.totals(), 60_000, List.of(stormA, stormB)));
        var faults = List.of(new RunSummary.CarrierFault("sms", "capacity-drop", 1_000, 9_000));
        var thresholds = List.of(new Threshold("journeys > 15", "journeys", ">", 15),
                new Threshold("unknownRecipients < 5", "unknownRecipients", "<", 5));
        var problem = new RunSummary.RunProblem(RunSummary.RunProblem.Kind.NO_RESULT, "nothing to read");

        RunSummary s = SummaryBuilder.build(info, reps, faults, thresholds, List.of(problem));

        assertEquals("scn", s.scenario());
        assertEquals("dir/scn.conf", s.scenarioFile());
        assertEquals(RunSummary.GATLING, s.engine());
        assertEquals(11, s.seed());
        assertEquals(2, s.replications());
        assertEquals(List.of(11L, 12L), s.seeds());
        assertEquals(60.0, s.timeScale());
        assertEquals(100_000, s.simulatedDurationMs(), "the first replication's");
        assertFalse(s.valid(), "a problem makes it invalid");
        assertEquals(List.of(problem), s.problems());
        assertEquals(16, s.journeys());
        assertEquals(4L, s.outcomes().get("recovery"));
        assertEquals(4 / 16.0, s.recoveryRate(), 1e-12);
        assertEquals(new RunSummary.Recovery(4, 12.5, 50.0, "EUR", 3_600_000), s.recovery());
        assertEquals(List.of(stormA), s.retryStorms(), "the first replication's storms");
        assertEquals(List.of("sms", "email"), List.copyOf(s.deliveryLatencyMs().keySet()), "the run's channels, in order");
        assertEquals(2, s.deliveryLatencyMs().get("sms").count());
        assertEquals(4_000, s.deliveryLatencyMs().get("sms").p50(), 4);
        assertEquals(1, s.deliveryLatencyMs().get("email").count());
        assertEquals(900, s.deliveryLatencyMs().get("email").max(), 1);
        assertEquals(3, s.targetDisagreements());
        assertEquals(2L, s.disagreements().get("ledger=stale target=accepted"));
        assertEquals(1L, s.disagreements().get("ledger=accepted target=invalid"));
        assertEquals(1, s.httpLatencyMs().get("send").count());
        assertEquals(30, s.httpLatencyMs().get("send").p99(), 1, "real ms");
        assertEquals(10, s.httpLatencyMs().get("verify").p99(), 1);
        assertEquals(1_800, s.harnessLagMs().get("send"), 20, "× time-scale");
        assertEquals(600, s.harnessLagMs().get("verify"), 10);
        assertEquals(40, s.harnessLagMs().get("delivery"), 1);
        assertEquals(0L, s.lostMessages().get("loss"));
        assertEquals(1L, s.lostMessages().get("outage"));
        assertEquals(2L, s.lostMessages().get("queue-full"));
        assertEquals(3L, s.lostMessages().get("expired-unreachable"));
        assertEquals(1, s.duplicatedMessages());
        assertEquals(5, s.unknownRecipients());
        assertEquals(12 / 160.0, s.goodput(), 1e-12, "successes over both replications' simulated time");
        assertEquals(16 / 160.0, s.offeredRate(), 1e-12);
        assertEquals(List.of(new RunSummary.ThresholdResult("journeys > 15", "journeys", 16, true),
                new RunSummary.ThresholdResult("unknownRecipients < 5", "unknownRecipients", 5, false)), s.thresholds());
        assertEquals(List.of(SummaryBuilder.PARTIAL), s.warnings());
        assertEquals(faults, s.carrierFaults());
        assertEquals(SummaryBuilder.DEFINITIONS, s.definitions());
        assertEquals(List.of(), s.gatewayRefusals(), "the gateway's, added by the engine");
        assertEquals(SummaryBuilder.FIGURES, List.copyOf(s.estimates().keySet()));
    }

    /** {@code n} journeys, one send each, the first {@code recovered} ending in account recovery, the rest in success. */
    private static void endJourneys(RunMetrics m, int n, int recovered) {
        for (int i = 0; i < n; i++) {
            m.journeyStarted(i * 100L);
            m.sendAccepted(i * 100L, true);
            m.journeyEnded(i * 100L + 50, i < recovered ? JourneyOutcome.RECOVERY : JourneyOutcome.SUCCESS, false, false,
                    false, false, 5_000, 1, 0);
        }
    }
}
