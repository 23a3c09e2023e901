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
    void aCodeThatNeverReachesTheGatewayIsJudgedWhenTheRunEnds() {
        ledger.journeyStarted("u-1", 0);
        ledger.sendAnswered("u-1", Channel.SMS, TargetAnswer.ACCEPTED, 0);
        issue("u-1", "111111", 0);
        ledger.sendAnswered("u-1", Channel.SMS, TargetAnswer.ACCEPTED, 30_000);
        var submission = ledger.submitted("u-1", "111111", 31_000, TargetAnswer.ACCEPTED);
        assertFalse(submission.isDone());
        ledger.journeyEnded("u-1", JourneyOutcome.SUCCESS, 31_000);
        assertFalse(submission.isDone(), "the newer code may still arrive: the journey's end decides nothing");
        assertEquals(0, metrics.journeysEnded(), "the journey's figures wait for its submission");
        ledger.endAll(JourneyOutcome.ERROR, 60_000);
        assertEquals(SubmissionOutcome.ACCEPTED, submission.join().outcome());
        assertEquals(1, metrics.submissions());
        assertEquals(1, metrics.count(JourneyOutcome.SUCCESS), "ended as it did, not cut off");
        assertEquals(1, metrics.totals().sendsWithoutCode());
    }

    /**
     * Issue 10, item 1, as seen against a real service (any-unexpired): the resend was accepted at
     * 36.749 s, the old code typed at 37.401 s and accepted, the journey ended at 37.440 s, and the
     * newer code reached the gateway at 38.412 s. The newer code counts from its send: the
     * submission was stale (accepted), not "accepted" because the journey ended first.
     */
    @Test
    void aSupersededCodeIsStaleEvenWhenTheNewerCodeArrivesAfterTheJourneyEnded() {
        ledger.journeyStarted("u-42", 0);
        ledger.sendAnswered("u-42", Channel.SMS, TargetAnswer.ACCEPTED, 0);
        issue("u-42", "272938", 100);
        ledger.sendAnswered("u-42", Channel.SMS, TargetAnswer.ACCEPTED, 36_749);
        var submission = ledger.submitted("u-42", "272938", 37_401, TargetAnswer.ACCEPTED);
        ledger.journeyEnded("u-42", JourneyOutcome.SUCCESS, 37_440);
        issue("u-42", "054133", 38_412);
        assertEquals(SubmissionOutcome.STALE, submission.join().outcome());
        assertTrue(submission.join().staleAccepted());
        assertEquals(1, metrics.count(JourneyOutcome.SUCCESS));
    }

    /**
     * Issue 10, item 2: hand-overs that overtake each other. The embedded target numbers each
     * code with its send, so the second send's code arriving first is not taken for the first's.
     */
    @Test
    void codesNumberedByTheirSendArePairedWithItWhateverTheirOrder() {
        ledger.journeyStarted("u-7", 0);
        ledger.sendAnswered("u-7", Channel.SMS, TargetAnswer.ACCEPTED, 0);
        ledger.sendAnswered("u-7", Channel.SMS, TargetAnswer.ACCEPTED, 20_000);
        // The second send's code reaches the gateway before the first's.
        ledger.issued(new dev.otpsim.carrier.CarrierMessage(2, Channel.SMS, "u-7", "222222", 20_050, 1, 2));
        ledger.issued(new dev.otpsim.carrier.CarrierMessage(1, Channel.SMS, "u-7", "111111", 20_100, 2, 1));
        // Typing the second code is accepted: it is the newest, dated at its send (20 s).
        var newest = ledger.submitted("u-7", "222222", 25_000, TargetAnswer.ACCEPTED).join();
        assertEquals(SubmissionOutcome.ACCEPTED, newest.outcome());
        assertNull(newest.disagreement());
    }

    /** Issue 10, item 3: a code typed within its validity is not expired because its answer came back late. */
    @Test
    void aSubmissionIsDatedByItsRequest() {
        Ledger tenSeconds = new Ledger(new Classifier(10_000, true), metrics, LedgerLog.none());
        tenSeconds.journeyStarted("u-9", 0);
        tenSeconds.sendAnswered("u-9", Channel.SMS, TargetAnswer.ACCEPTED, 0);
        tenSeconds.issued(new dev.otpsim.carrier.CarrierMessage(1, Channel.SMS, "u-9", "999999", 10, 1, 1));
        // Requested 9.978 s after issue; the engine dates it so however late the answer.
        assertEquals(SubmissionOutcome.ACCEPTED,
                tenSeconds.submitted("u-9", "999999", 9_988, TargetAnswer.ACCEPTED).join().outcome());
    }

    @Test
    void lockedAnswersNeedNoCodesAndAreNotDeferred() {
        ledger.journeyStarted("u-1", 0);
        ledger.sendAnswered("u-1", Channel.SMS, TargetAnswer.ACCEPTED, 0);
        assertTrue(ledger.submitted("u-1", "111111", 1_000, TargetAnswer.locked(60_000)).isDone());
    }
}
