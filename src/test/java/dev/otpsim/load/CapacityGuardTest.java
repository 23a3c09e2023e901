package dev.otpsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.metrics.RunSummary;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** A run is over capacity when the harness stays behind, not after one slow moment. */
class CapacityGuardTest {
    private static final long QUARTER = 250_000_000L; // ns between checks
    /** Times after the grace period: the first check (at 0) starts it. */
    private static final long AFTER = CapacityGuard.GRACE_NANOS;

    /** A guard whose grace period is over. */
    private static CapacityGuard warm(double timeScale) {
        CapacityGuard g = new CapacityGuard(timeScale);
        g.check(new Histogram(3), 0, 0, 0, 0);
        return g;
    }

    /** 100 lag samples of {@code micros} each. */
    private static Histogram lag(long micros) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(micros, 100);
        return h;
    }

    @Test
    void aHarnessThatKeepsUpIsNeverOverCapacity() {
        CapacityGuard g = warm(60);
        for (int i = 0; i < 100; i++) {
            // 30 ms real × 60 = 1.8 s simulated: within the 2 s tolerance.
            assertFalse(g.check(lag(30_000), i * 1000, 100 * i, 100 * i, AFTER + i * QUARTER));
        }
        assertNull(g.problem());
        assertTrue(Double.isNaN(g.completedPerSecond()));
    }

    @Test
    void oneSlowMomentIsAShortStreakNotAVerdict() {
        CapacityGuard g = warm(60);
        long t = AFTER;
        for (int round = 0; round < 10; round++) {
            assertFalse(g.check(lag(100_000), 0, 0, 0, t += QUARTER));
            assertFalse(g.check(lag(400_000), 0, 0, 0, t += QUARTER));
            assertFalse(g.check(lag(800_000), 0, 0, 0, t += QUARTER)); // growing, but only three
            assertFalse(g.check(lag(1_000), 0, 0, 0, t += QUARTER));
        }
    }

    @Test
    void aHighButSteadyLagIsNotOverCapacity() {
        // A busy machine: 100 ms real late (6 s simulated) throughout, but not getting worse. The
        // run's end-of-run check says its figures are not a result; the run is not stopped.
        CapacityGuard g = warm(60);
        for (int i = 0; i < 200; i++) {
            assertFalse(g.check(lag(i % 2 == 0 ? 90_000 : 110_000), 0, 0, 0, AFTER + i * QUARTER));
        }
        assertFalse(g.overCapacity());
    }

    @Test
    void stayingBehindAndFallingFurtherIsOverCapacityWithTheRateItReached() {
        CapacityGuard g = warm(60);
        assertFalse(g.check(lag(1_000), 60_000, 1_000, 900, AFTER + QUARTER)); // kept up until here
        boolean over = false;
        long[] growing = {40_000, 60_000, 100_000, 160_000};
        for (int i = 1; i <= CapacityGuard.STRIKES; i++) {
            // 800 started and 400 ended per real second: half of what is offered gets done.
            over = g.check(lag(growing[i - 1]), 60_000 + i * 15_000, 1_000 + 200L * i, 900 + 100L * i,
                    AFTER + QUARTER * (1 + i));
        }
        assertTrue(over);
        assertTrue(g.overCapacity());
        assertEquals(400, g.completedPerSecond(), 1e-6);
        RunSummary.RunProblem p = g.problem();
        assertEquals(RunSummary.RunProblem.Kind.OVER_CAPACITY, p.kind());
        assertTrue(p.message().contains("completed 400 journeys per real second and 800 were started"), p.message());
        assertTrue(p.message().contains("from 40 to 160 ms real (p99; 9.6 s simulated at time-scale 60)"),
                p.message());
        // The verdict stands: later checks do not undo it.
        assertTrue(g.check(lag(1), 0, 0, 0, AFTER + QUARTER * 20));
    }

    @Test
    void aCheckWithTooFewSamplesNeitherAddsToAStreakNorEndsIt() {
        CapacityGuard g = warm(60);
        Histogram few = new Histogram(3);
        few.recordValueWithCount(1, CapacityGuard.MIN_SAMPLES - 1);
        long t = AFTER;
        assertFalse(g.check(lag(40_000), 0, 0, 0, t += QUARTER));
        assertFalse(g.check(lag(60_000), 0, 0, 0, t += QUARTER));
        assertFalse(g.check(few, 0, 0, 0, t += QUARTER)); // a stalled harness answers little
        assertFalse(g.check(lag(100_000), 0, 0, 0, t += QUARTER));
        assertTrue(g.check(lag(160_000), 0, 0, 0, t += QUARTER));
    }

    @Test
    void aFewLateSamplesSayNothing() {
        CapacityGuard g = warm(60);
        Histogram few = new Histogram(3);
        few.recordValueWithCount(900_000, CapacityGuard.MIN_SAMPLES - 1);
        for (int i = 0; i < 10; i++) {
            assertFalse(g.check(few, 0, 0, 0, AFTER + i * QUARTER));
        }
    }

    @Test
    void theFirstSecondsAreNotJudgedAJvmStillCompilingCatchesUp() {
        CapacityGuard g = new CapacityGuard(60);
        long[] growing = {40_000, 80_000, 160_000, 320_000, 640_000, 1_280_000};
        for (int i = 0; i < growing.length; i++) { // 1.5 s of a lag doubling every check
            assertFalse(g.check(lag(growing[i]), 0, 0, 0, i * QUARTER));
        }
        for (int i = 0; i < 6; i++) { // caught up
            assertFalse(g.check(lag(1_000), 0, 0, 0, (6 + i) * QUARTER));
        }
        assertFalse(g.overCapacity());
    }

    @Test
    void theToleranceScalesWithTheTimeScale() {
        CapacityGuard slow = warm(1), fast = warm(1_000);
        long[] growing = {5_000, 8_000, 12_000, 20_000};
        for (int i = 0; i < CapacityGuard.STRIKES; i++) {
            slow.check(lag(growing[i]), 0, 0, 0, AFTER + i * QUARTER); // ≤ 20 ms real = 20 ms simulated at scale 1
            fast.check(lag(growing[i]), 0, 0, 0, AFTER + i * QUARTER); // ≥ 5 s simulated at scale 1000
        }
        assertFalse(slow.overCapacity());
        assertTrue(fast.overCapacity());
    }
}
