package dev.otpsim.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.ledger.LedgerLog;
import dev.otpsim.ledger.SubmissionOutcome;
import dev.otpsim.metrics.Totals;
import dev.otpsim.person.JourneyOutcome;
import dev.otpsim.run.RunPlan;
import dev.otpsim.scenario.Scenario;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * Authenticator apps and account recovery against closed forms, in virtual time, 100,000
 * journeys each, tolerance 4 standard errors (as {@link AnalyticTest}). Each scenario sends people
 * to recovery at their first failure, so the recovery share is the failure's probability.
 */
class AuthenticatorAnalyticTest {
    private static final int JOURNEYS = 100_000;
    private static final String LOAD = "load { rate = 100, duration = 1000s }";

    /**
     * Typo rate p, max-attempts k, a perfect carrier; people retype each slip and go to account
     * recovery when locked: the recovery share is p^k, and every lock ends in recovery.
     */
    @Test
    void lockedAfterKTyposWithProbabilityPToTheKMeansARecoveryShareOfPToTheK() {
        double p = 0.4;
        int k = 3;
        Totals t = run(AnalyticTest.scenario("""
                name = recovery
                seed = 21
                target.policy { rotation = latest-only, max-attempts = %d, lockout = 1h, code-ttl = 1h }
                carriers.sms { delay = 1s }
                people.profile {
                  resend-wait = 30s, patience = 10m, reaction = 1s, typo-rate = %s, give-up-after = 30m
                  fallback { after-resends = 5, order = [recovery], on-lockout = next }
                }
                recovery { delay = 2d, cost = 15 }
                %s
                """.formatted(k, p, LOAD)));
        assertEquals(JOURNEYS, t.journeys());
        assertShare(Math.pow(p, k), t.count(JourneyOutcome.RECOVERY), t.journeys(), "journeys ending in recovery");
        assertEquals(t.lockedJourneys(), t.count(JourneyOutcome.RECOVERY), "every lock went to recovery");
        assertEquals(0, t.count(JourneyOutcome.LOCKED_OUT));
        assertEquals(t.journeys(), t.count(JourneyOutcome.SUCCESS) + t.count(JourneyOutcome.RECOVERY));
    }

    /**
     * Everyone on an authenticator app with an exact clock, window 0, step S = 30 s, reaction
     * uniform on [0, 2r]: a code read at a uniform phase of its step rolls over before it is typed
     * with probability E[reaction]/S = r/S.
     */
    @Test
    void theCodeRollsOverWhileTypedWithProbabilityReactionOverStep() {
        Totals t = run(AnalyticTest.scenario("""
                name = rollover
                seed = 22
                target.policy.totp { step = 30s, window = 0 }
                people.profile {
                  reaction { type = uniform, min = 0s, max = 12s }, typo-rate = 0, give-up-after = 10m
                  authenticator { share = 1, clock-skew = 0s }
                  fallback { after-resends = 1, order = [recovery] }
                }
                %s
                """.formatted(LOAD)));
        assertShare(6.0 / 30, t.count(SubmissionOutcome.TOTP_ROLLED_OVER), t.journeys(), "first codes rolled over");
        assertEquals(t.count(SubmissionOutcome.TOTP_ROLLED_OVER), t.count(JourneyOutcome.RECOVERY));
        assertEquals(0, t.count(SubmissionOutcome.TOTP_SKEWED), "exact clocks");
        assertEquals(0, t.sends(), "no code is ever sent");
        assertTrue(t.disagreements().isEmpty(), "the target and the ledger agree: " + t.disagreements());
    }

    /**
     * Phone clocks off by D ~ normal(0, σ), window 0, typing at once: the phone shows another step
     * than the service's with probability E[min(|D|, S)]/S — σ√(2/π)/S less the tail beyond S.
     */
    @Test
    void aSkewedClockShowsAnotherStepWithProbabilityMeanAbsoluteSkewOverStep() {
        double sigma = 10_000;
        double step = 30_000;
        Totals t = run(AnalyticTest.scenario("""
                name = skew
                seed = 23
                target.policy.totp { step = 30s, window = 0 }
                people.profile {
                  reaction = 0s, typo-rate = 0, give-up-after = 10m
                  authenticator { share = 1, clock-skew { type = normal, mean = 0s, stddev = 10s } }
                  fallback { after-resends = 1, order = [recovery] }
                }
                %s
                """.formatted(LOAD)));
        NormalDistribution n = new NormalDistribution();
        double z = step / sigma;
        double meanAbs = sigma * Math.sqrt(2 / Math.PI);
        double beyond = 2 * (sigma * n.density(z) - step * (1 - n.cumulativeProbability(z)));
        double expected = (meanAbs - beyond) / step;
        assertShare(expected, t.count(SubmissionOutcome.TOTP_SKEWED), t.journeys(), "first codes from skewed phones");
        assertEquals(0, t.count(SubmissionOutcome.TOTP_ROLLED_OVER), "typed the instant they were read");
        assertEquals(t.count(SubmissionOutcome.TOTP_SKEWED), t.count(JourneyOutcome.RECOVERY));
        assertTrue(t.disagreements().isEmpty(), t.disagreements().toString());
    }

    /**
     * A share q of people with an app (drawn per person) and the rest on SMS: the share of
     * journeys that sent nothing is q, and with a generous window every app user signs in first time.
     */
    @Test
    void theEnrolledShareIsTheShareOfJourneysThatNeverAskedForACode() {
        double q = 0.3;
        Totals t = run(AnalyticTest.scenario("""
                name = share
                seed = 24
                carriers.sms { delay = 2s }
                people.profile {
                  resend-wait = 30s, patience = 1m, reaction = 3s, typo-rate = 0, give-up-after = 10m
                  authenticator { share = %s, clock-skew = 0s }
                }
                %s
                """.formatted(q, LOAD)));
        assertShare(1 - q, t.firstSends(), t.journeys(), "journeys that asked for a code");
        assertEquals(t.journeys(), t.count(JourneyOutcome.SUCCESS));
        assertEquals(t.journeys(), t.submissions(), "everyone signs in with their first code, app users too");
        assertEquals(0, t.count(SubmissionOutcome.TOTP_ROLLED_OVER) + t.count(SubmissionOutcome.TOTP_SKEWED));
    }

    private static void assertShare(double expected, long count, long n, String what) {
        double share = (double) count / n;
        double se = Math.sqrt(expected * (1 - expected) / n);
        assertEquals(expected, share, 4 * se, what + ": " + count + " of " + n);
    }

    private static Totals run(Scenario s) {
        return new VirtualRun(new RunPlan(s, s.seed()), null, LedgerLog.none()).run(x -> { }).totals();
    }
}
