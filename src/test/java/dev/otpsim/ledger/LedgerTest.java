package dev.otpsim.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.handset.Channel;
import dev.otpsim.metrics.MetricsSpec;
import dev.otpsim.metrics.RunMetrics;
import dev.otpsim.person.JourneyOutcome;
import dev.otpsim.person.TargetAnswer;
import org.junit.jupiter.api.Test;

class LedgerTest {
    private final RunMetrics metrics = new RunMetrics(MetricsSpec.defaults(), java.util.EnumSet.of(dev.otpsim.handset.Channel.SMS));
    private final Ledger ledger = new Ledger(new Classifier(600_000, false), metrics, LedgerLog.none());
    private long id;

    private void issue(String to, String code, long at) {
        ledger.issued(new CarrierMessage(++id, Channel.SMS, to, code, at));
    }

    @Test
    void aLockReachedWithOnlyStaleCodesIsSelfInflicted() {
        ledger.journeyStarted("u-1", 0);
        ledger.sendAnswered("u-1", Channel.SMS, TargetAnswer.ACCEPTED, 0);
        issue("u-1", "111111", 0);
        ledger.sendAnswered("u-1", Channel.SMS, TargetAnswer.ACCEPTED, 30_000);
        issue("u-1", "222222", 30_000);
        // The late first code, typed twice, then the target locks: the person never mistyped.
        assertEquals(SubmissionOutcome.STALE, ledger.submitted("u-1", "111111", 40_000, TargetAnswer.INVALID).join().outcome());
        assertEquals(SubmissionOutcome.LOCKED,
                ledger.submitted("u-1", "222222", 45_000, TargetAnswer.locked(1_800_000)).join().outcome());
        ledger.journeyEnded("u-1", JourneyOutcome.LOCKED_OUT, 45_000);

        ledger.journeyStarted("u-2", 0);
        ledger.sendAnswered("u-2", Channel.SMS, TargetAnswer.ACCEPTED, 0);
        issue("u-2", "333333", 0);
        assertEquals(SubmissionOutcome.MISTYPED,
                ledger.submitted("u-2", "333334", 10_000, TargetAnswer.INVALID).join().outcome());
        ledger.submitted("u-2", "333333", 12_000, TargetAnswer.locked(1_800_000));
        ledger.journeyEnded("u-2", JourneyOutcome.LOCKED_OUT, 12_000);

        assertEquals(2, metrics.count(JourneyOutcome.LOCKED_OUT));
        assertEquals(2, metrics.lockedJourneys());
        assertEquals(1, metrics.totals().selfInflictedLockouts());
        assertEquals(1, metrics.count(SubmissionOutcome.STALE));
        assertEquals(1, metrics.count(SubmissionOutcome.MISTYPED));
        assertEquals(3, metrics.sends());
        assertEquals(2, metrics.journeys());
    }

    @Test
    void codesIssuedToOthersDoNotCount() {
        ledger.journeyStarted("u-1", 0);
        ledger.journeyStarted("u-2", 0);
        issue("u-2", "111111", 0);
        assertEquals(SubmissionOutcome.MISTYPED, ledger.submitted("u-1", "111111", 1, TargetAnswer.INVALID).join().outcome());
    }

    @Test
    void aSubmissionWaitsForACodeStillOnItsWayToTheGateway() {
        ledger.journeyStarted("u-1", 0);
        ledger.sendAnswered("u-1", Channel.SMS, TargetAnswer.ACCEPTED, 0);
        issue("u-1", "111111", 0);
        // Resend accepted at 30 s; the target's hand-over to the gateway lags behind.
        ledger.sendAnswered("u-1", Channel.SMS, TargetAnswer.ACCEPTED, 30_000);
        var first = ledger.submitted("u-1", "111111", 31_000, TargetAnswer.INVALID);
        assertFalse(first.isDone(), "the newer code has not reached the gateway: not yet classified");
        issue("u-1", "222222", 33_000);
        // Dated at the accepted send (30 s), the newer code superseded the typed one: stale.
        assertEquals(SubmissionOutcome.STALE, first.join().outcome());
        assertNull(first.join().disagreement());
        assertEquals(1, metrics.count(SubmissionOutcome.STALE));
    }

    @Test
    void aCodeThatNeverReachesTheGatewayIsJudgedAtTheJourneysEnd() {
        ledger.journeyStarted("u-1", 0);
        ledger.sendAnswered("u-1", Channel.SMS, TargetAnswer.ACCEPTED, 0);
        issue("u-1", "111111", 0);
        ledger.sendAnswered("u-1", Channel.SMS, TargetAnswer.ACCEPTED, 30_000);
        var submission = ledger.submitted("u-1", "111111", 31_000, TargetAnswer.ACCEPTED);
        assertFalse(submission.isDone());
        ledger.journeyEnded("u-1", JourneyOutcome.SUCCESS, 31_000);
        assertEquals(SubmissionOutcome.ACCEPTED, submission.join().outcome());
        assertEquals(1, metrics.submissions());
    }

    @Test
    void lockedAnswersNeedNoCodesAndAreNotDeferred() {
        ledger.journeyStarted("u-1", 0);
        ledger.sendAnswered("u-1", Channel.SMS, TargetAnswer.ACCEPTED, 0);
        assertTrue(ledger.submitted("u-1", "111111", 1_000, TargetAnswer.locked(60_000)).isDone());
    }
}
