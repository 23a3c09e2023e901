package dev.otpsim.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairedDifferenceTest {

    /**
     * Two variants whose replications share their noise (common random numbers): the difference
     * is clear although each variant's own spread is ten times the effect.
     */
    @Test
    void sharedNoiseCancelsInTheDifference() {
        double[] noise = {0.30, 0.10, 0.45, 0.02, 0.25, 0.38, 0.15, 0.05, 0.33, 0.20};
        double[] base = new double[10];
        double[] variant = new double[10];
        for (int i = 0; i < 10; i++) {
            base[i] = noise[i];
            variant[i] = noise[i] + 0.03 + (i % 2 == 0 ? 0.001 : -0.001);
        }
        PairedDifference d = PairedDifference.of(variant, base);
        assertEquals(0.03, d.mean(), 1e-12);
        assertTrue(d.low() > 0, "the policy's effect stands out: " + d);
        assertFalse(d.withinNoise());
    }

    @Test
    void aDifferenceWhoseIntervalHoldsZeroIsWithinNoise() {
        PairedDifference d = PairedDifference.of(new double[] {1, 2, 3, 4}, new double[] {2, 1, 4, 3});
        assertEquals(0, d.mean(), 1e-12);
        assertTrue(d.withinNoise());
        PairedDifference same = PairedDifference.of(new double[] {1, 2, 3}, new double[] {1, 2, 3});
        assertEquals(0, same.low(), 0);
        assertTrue(same.withinNoise(), "identical variants");
    }

    @Test
    void oneReplicationHasNoIntervalAndSaysSo() {
        PairedDifference d = PairedDifference.of(new double[] {5}, new double[] {3});
        assertEquals(2, d.mean(), 0);
        assertFalse(d.hasInterval());
        assertTrue(d.withinNoise(), "without an interval nothing is claimed");
    }
}
