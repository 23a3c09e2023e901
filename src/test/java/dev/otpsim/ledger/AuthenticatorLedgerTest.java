package dev.otpsim.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.handset.Channel;
import dev.otpsim.metrics.MetricsSpec;
import dev.otpsim.metrics.RunMetrics;
import dev.otpsim.metrics.Totals;
import dev.otpsim.person.AppRead;
import dev.otpsim.person.JourneyOutcome;
import dev.otpsim.person.TargetAnswer;
import dev.otpsim.totp.Totp;
import dev.otpsim.totp.TotpClock;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Codes from authenticator apps: never issued through the gateway, judged from the enrolled secret. */
class AuthenticatorLedgerTest {
    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final Totp TOTP = Totp.defaults();
    private static final AuthenticatorTruth WINDOW_1 = new AuthenticatorTruth(TOTP, 1, true, SECRET, TotpClock.SIMULATED);
    private static final AuthenticatorTruth WINDOW_0 = new AuthenticatorTruth(TOTP, 0, true, SECRET, TotpClock.SIMULATED);

    private static AppRead read(long step, long at) {
        return new AppRead(TOTP.code(SECRET, step), step, at);
    }

    private static Classification classify(AuthenticatorTruth t, AppRead r, String typed, long at, TargetAnswer a) {
        return AuthenticatorClassifier.classify(t, r, typed, at, a, Totp.NO_STEP);
    }

    @Test
    void aCodeInTheWindowIsAccepted() {
        AppRead r = read(1, 59_000);
        Classification c = classify(WINDOW_0, r, r.code(), 59_999, TargetAnswer.ACCEPTED);
        assertEquals(SubmissionOutcome.ACCEPTED, c.outcome());
        assertNull(c.disagreement());
    }

    /** Read in step 1 at 59 s, typed 1 ms after the boundary at 60 s: rolled over (window 0). */
    @Test
    void aCodeThatLeftTheWindowWhileTypedRolledOver() {
        AppRead r = read(1, 59_000);
        Classification c = classify(WINDOW_0, r, r.code(), 60_000, TargetAnswer.INVALID);
        assertEquals(SubmissionOutcome.TOTP_ROLLED_OVER, c.outcome());
        assertNull(c.disagreement());
        assertEquals(SubmissionOutcome.TOTP_ROLLED_OVER,
                classify(WINDOW_1, read(1, 89_000), TOTP.code(SECRET, 1), 90_000, TargetAnswer.INVALID).outcome(),
                "window 1: out of it from 90 s on");
    }

    /** A phone 40 s fast shows step 1 at 5 s true time: outside window 0 from the start. */
    @Test
    void aCodeOutsideTheWindowWhenReadIsTheClockSkew() {
        AppRead r = read(1, 5_000);
        assertEquals(SubmissionOutcome.TOTP_SKEWED, classify(WINDOW_0, r, r.code(), 5_000, TargetAnswer.INVALID).outcome());
        assertEquals(SubmissionOutcome.ACCEPTED, classify(WINDOW_1, r, r.code(), 5_000, TargetAnswer.ACCEPTED).outcome(),
                "within ±1 it is fine");
    }

    @Test
    void aStepAlreadyUsedIsAReplayAndAnythingElseAMistype() {
        AppRead r = read(3, 100_000);
        assertEquals(SubmissionOutcome.TOTP_REPLAYED, AuthenticatorClassifier.classify(WINDOW_1, r, r.code(), 101_000,
                TargetAnswer.INVALID, 3).outcome());
        AuthenticatorTruth allowed = new AuthenticatorTruth(TOTP, 1, false, SECRET, TotpClock.SIMULATED);
        assertEquals(SubmissionOutcome.ACCEPTED, AuthenticatorClassifier.classify(allowed, r, r.code(), 101_000,
                TargetAnswer.ACCEPTED, 3).outcome(), "replays allowed: accepted again");
        Classification typo = classify(WINDOW_1, r, "000000".equals(r.code()) ? "111111" : "000000", 100_500,
                TargetAnswer.INVALID);
        assertEquals(SubmissionOutcome.MISTYPED, typo.outcome());
    }

    @Test
    void theTargetsWordIsCrossCheckedNotTaken() {
        AppRead r = read(1, 59_000);
        Classification c = classify(WINDOW_0, r, r.code(), 59_000, TargetAnswer.INVALID);
        assertEquals(SubmissionOutcome.ACCEPTED, c.outcome());
        assertEquals("ledger=accepted target=invalid", c.disagreement());
        assertEquals(SubmissionOutcome.LOCKED, classify(WINDOW_0, r, r.code(), 59_000, TargetAnswer.locked(1)).outcome());
    }

    @Test
    void theLedgerCountsAppSubmissionsRemembersTheStepAndWaitsForNoGateway() {
        RunMetrics metrics = new RunMetrics(MetricsSpec.defaults(), EnumSet.of(Channel.SMS));
        Ledger ledger = new Ledger(new Classifier(600_000, true), metrics, LedgerLog.none());
        ledger.journeyStarted("u-1", 0);
        ledger.authenticatorEnrolled("u-1", WINDOW_1);
        AppRead skewed = new AppRead(TOTP.code(SECRET, 5), 5, 10_000);
        assertEquals(SubmissionOutcome.TOTP_SKEWED,
                ledger.submitted("u-1", skewed.code(), 12_000, TargetAnswer.INVALID, skewed).join().outcome());
        AppRead good = read(0, 20_000);
        assertTrue(ledger.submitted("u-1", good.code(), 25_000, TargetAnswer.ACCEPTED, good).isDone());
        assertEquals(SubmissionOutcome.TOTP_REPLAYED,
                ledger.submitted("u-1", good.code(), 26_000, TargetAnswer.INVALID, good).join().outcome());
        ledger.journeyEnded("u-1", JourneyOutcome.SUCCESS, 26_000);
        Totals t = metrics.totals();
        assertEquals(1, t.count(SubmissionOutcome.TOTP_SKEWED));
        assertEquals(1, t.count(SubmissionOutcome.ACCEPTED));
        assertEquals(1, t.count(SubmissionOutcome.TOTP_REPLAYED));
        assertEquals(0, t.sends(), "an app code is never sent");
        assertTrue(t.disagreements().isEmpty(), t.disagreements().toString());
    }

    @Test
    void anAppCodeFromSomeoneNotEnrolledIsAnErrorNotAGuess() {
        RunMetrics metrics = new RunMetrics(MetricsSpec.defaults(), EnumSet.of(Channel.SMS));
        Ledger ledger = new Ledger(new Classifier(600_000, true), metrics, LedgerLog.none());
        ledger.journeyStarted("u-2", 0);
        AppRead r = read(0, 1_000);
        Classification c = ledger.submitted("u-2", r.code(), 2_000, TargetAnswer.ACCEPTED, r).join();
        assertEquals(SubmissionOutcome.ERROR, c.outcome());
        assertEquals("ledger=no-authenticator-enrolled", c.disagreement());
    }
}
