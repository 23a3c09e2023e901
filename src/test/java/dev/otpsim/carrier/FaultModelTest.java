package dev.otpsim.carrier;

import dev.otpsim.carrier.impairment.LossReason;

import static dev.otpsim.carrier.Hocon.message;
import static dev.otpsim.carrier.Hocon.smsModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Loss, bursty loss, duplicates and reordering occur at their configured rates. Rates are
 * checked against a 4-sigma binomial interval: a correct model fails it about once in 15,000 seeds.
 */
class FaultModelTest {
    private static final int N = 100_000;

    @Test
    void independentLossRateIsWithinItsConfidenceInterval() {
        CarrierModel sms = smsModel("loss { probability = 0.01 }", 1L);
        int lost = 0;
        for (int i = 0; i < N; i++) {
            Decision d = sms.decide(message(i, "u-" + i, i * 1000L));
            if (d.isLost()) {
                assertEquals(LossReason.LOSS, d.loss());
                lost++;
            }
        }
        assertWithin(0.01, lost, N);
    }

    @Test
    void gilbertElliottLossComesInBurstsOfMeanLengthOneOverR() {
        double p = 0.01;
        double r = 0.25;
        CarrierModel sms = smsModel("loss { model = gilbert-elliott, p = " + p + ", r = " + r + ", loss-in-bad = 1 }", 2L);
        int n = 1_000_000;
        int lost = 0;
        int bursts = 0;
        boolean previousLost = false;
        for (int i = 0; i < n; i++) {
            boolean isLost = sms.decide(message(i, "u", i)).isLost();
            if (isLost) {
                lost++;
                if (!previousLost) {
                    bursts++;
                }
            }
            previousLost = isLost;
        }
        double meanBurst = (double) lost / bursts;
        // Burst lengths are geometric(r): sd sqrt(1-r)/r ≈ 3.5; ~9,600 bursts give a standard error ≈ 0.035.
        assertEquals(1 / r, meanBurst, 0.15, "mean burst length");
        // Losses are correlated: a two-state Markov chain inflates the binomial variance by
        // (1 + λ) / (1 − λ), λ = 1 − p − r being the chain's second eigenvalue.
        double pi = p / (p + r);
        double lambda = 1 - p - r;
        double sigma = Math.sqrt(pi * (1 - pi) / n * (1 + lambda) / (1 - lambda));
        assertEquals(pi, (double) lost / n, 4 * sigma, "long-run loss rate");
    }

    @Test
    void lossInTheGoodStateAndPartialLossInTheBadStateAddUp() {
        CarrierModel sms = smsModel(
                "loss { model = gilbert-elliott, p = 0.05, r = 0.2, loss-in-bad = 0.5, loss-in-good = 0.02 }", 3L);
        int lost = 0;
        for (int i = 0; i < N; i++) {
            lost += sms.decide(message(i, "u", i)).isLost() ? 1 : 0;
        }
        double bad = 0.05 / 0.25;
        double rate = bad * 0.5 + (1 - bad) * 0.02;
        // Correlated through the state: bound the variance as if every loss followed the chain
        // (inflation (1 + λ) / (1 − λ), λ = 1 − p − r), which over-covers the independent part.
        double lambda = 1 - 0.05 - 0.2;
        double sigma = Math.sqrt(rate * (1 - rate) / N * (1 + lambda) / (1 - lambda));
        assertEquals(rate, (double) lost / N, 4 * sigma);
    }

    @Test
    void duplicatesOccurAtTheirRateAndArriveAfterTheExtraDelay() {
        CarrierModel sms = smsModel("delay = 3s, duplicate { probability = 0.02, extra-delay = 5s }", 4L);
        int duplicates = 0;
        for (int i = 0; i < N; i++) {
            Decision d = sms.decide(message(i, "u", i * 10L));
            assertEquals(i * 10L + 3_000, d.visibleAtMillis());
            if (d.hasDuplicate()) {
                duplicates++;
                assertEquals(d.visibleAtMillis() + 5_000, d.duplicateAtMillis());
            }
        }
        assertWithin(0.02, duplicates, N);
    }

    @Test
    void holdBackHappensAtItsRate() {
        CarrierModel sms = smsModel("delay = 1s, reorder { probability = 0.05, gap = 20s }", 5L);
        int heldBack = 0;
        for (int i = 0; i < N; i++) {
            Decision d = sms.decide(message(i, "u", i * 10L));
            long transit = d.visibleAtMillis() - i * 10L;
            assertTrue(transit == 1_000 || transit == 21_000, "transit " + transit);
            heldBack += transit == 21_000 ? 1 : 0;
        }
        assertWithin(0.05, heldBack, N);
    }

    @Test
    void twoSendsGapGApartWithExponentialDelaysSwapWithProbabilityHalfExpMinusGOverMean() {
        long mean = 5_000;
        long gap = 2_000;
        CarrierModel sms = smsModel("delay { type = exponential, mean = 5s }", 6L);
        int swapped = 0;
        for (int i = 0; i < N; i++) {
            long t = i * 10_000_000L; // pairs far apart: only the two sends of a pair can swap
            Decision first = sms.decide(message(2L * i, "u", t));
            Decision second = sms.decide(message(2L * i + 1, "u", t + gap));
            swapped += second.visibleAtMillis() < first.visibleAtMillis() ? 1 : 0;
        }
        assertWithin(0.5 * Math.exp(-(double) gap / mean), swapped, N);
    }

    @Test
    void aPerfectCarrierDeliversAtOnce() {
        CarrierModel email = new CarrierModel(dev.otpsim.handset.Channel.EMAIL, CarrierSpec.PERFECT, 1L, 0);
        Decision d = email.decide(message(1, "a@example.com", 12_345));
        assertFalse(d.isLost());
        assertNull(d.loss());
        assertEquals(12_345, d.visibleAtMillis());
        assertFalse(d.hasDuplicate());
        assertEquals(0, email.backlogAt(0));
    }

    /** Asserts {@code count} successes in {@code n} trials fit probability {@code p} (4 sigma). */
    static void assertWithin(double p, int count, int n) {
        double sigma = Math.sqrt(p * (1 - p) / n);
        double rate = (double) count / n;
        assertTrue(Math.abs(rate - p) <= 4 * sigma,
                "rate " + rate + " outside " + p + " ± " + 4 * sigma + " (" + count + "/" + n + ")");
    }
}
