package dev.otpsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class IntervalsTest {

    /** Reference values from the Wilson score formula (Newcombe 1998, table I). */
    @Test
    void wilsonMatchesTheFormulaAtTheEdgesAndInTheMiddle() {
        Estimate half = Intervals.wilson(50, 100);
        assertEquals(0.4038, half.low(), 1e-4);
        assertEquals(0.5962, half.high(), 1e-4);
        Estimate none = Intervals.wilson(0, 630);
        assertEquals(0.0, none.low(), 1e-12);
        assertEquals(0.00606, none.high(), 1e-5); // "0 of 630" still says up to 0.6 %
        Estimate all = Intervals.wilson(630, 630);
        assertEquals(1.0, all.high(), 1e-12);
        assertTrue(all.low() < 1.0);
        assertEquals(Estimate.WILSON, half.method());
        assertFalse(Intervals.wilson(0, 0).hasInterval(), "no journeys, no interval");
    }

    @Test
    void tQuantilesAreStudents() {
        assertEquals(2.262, Intervals.tQuantile(9), 1e-3);
        assertEquals(2.093, Intervals.tQuantile(19), 1e-3);
    }

    /** The order-statistic interval of a median covers the true median about 95 % of the time. */
    @Test
    void aPercentilesIntervalCoversTheTruthAboutNineteenTimesInTwenty() {
        SplittableRandom r = new SplittableRandom(3);
        int trials = 400;
        int covered = 0;
        for (int t = 0; t < trials; t++) {
            Histogram h = new Histogram(3);
            for (int i = 0; i < 400; i++) {
                h.recordValue(1000 + r.nextInt(9000)); // uniform 1000..9999: median ≈ 5500
            }
            Estimate e = Intervals.percentile(h, 0.5, 1);
            covered += e.covers(5500) ? 1 : 0;
        }
        double share = covered / (double) trials;
        assertTrue(share > 0.91 && share < 0.99, "coverage " + share);
    }

    @Test
    void replicationsGiveStudentT() {
        double[] values = {1, 2, 3, 4, 5};
        Estimate e = Intervals.replications(3, values);
        double half = Intervals.tQuantile(4) * Math.sqrt(2.5) / Math.sqrt(5);
        assertEquals(3 - half, e.low(), 1e-12);
        assertEquals(3 + half, e.high(), 1e-12);
        assertEquals(5, e.n());
        assertFalse(Intervals.replications(3, new double[] {3}).hasInterval(), "one replication: no spread to show");
    }
}
