package dev.otpsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.clock.SimClock;
import dev.otpsim.handset.Handset;
import org.junit.jupiter.api.Test;

/** A waiting person sleeps until their own next decision or the next planned arrival, not a poll interval. */
class WakeUpsTest {
    /** Time-scale 60: 60 simulated ms pass in one real ms. */
    private static final SimClock SCALE_60 = new SimClock() {
        @Override
        public long nowMillis() {
            return 0;
        }

        @Override
        public double timeScale() {
            return 60;
        }
    };

    private final WakeUps wakeUps = new WakeUps();

    @Test
    void withNothingOnItsWayThePersonSleepsUntilTheirOwnDecision() {
        // Resend due in 60 s simulated: one pause of 1 s real, not sixty 1-second glances.
        assertEquals(1_000, wakeUps.pauseMillis(0, 60_000, Handset.NOTHING_EXPECTED, 0, SCALE_60));
        assertFalse(wakeUps.lastWasRecheck());
    }

    @Test
    void aPlannedArrivalWakesThePersonJustAfterIt() {
        // Visible at 6 s simulated = 100 ms real, plus the grace for the carrier's timer tick.
        assertEquals(101, wakeUps.pauseMillis(0, 60_000, 6_000, 0, SCALE_60));
        // An arrival after the decision does not matter.
        assertEquals(1_000, wakeUps.pauseMillis(0, 60_000, 90_000, 0, SCALE_60));
    }

    @Test
    void pausesRoundUpToWholeMillisecondsSoThePersonNeverWakesJustTooEarly() {
        // 90 simulated ms = 1.5 ms real: Gatling would round down to 1 ms, before the decision.
        assertEquals(2, wakeUps.pauseMillis(0, 90, Handset.NOTHING_EXPECTED, 0, SCALE_60));
        assertEquals(1, wakeUps.pauseMillis(0, 1, Handset.NOTHING_EXPECTED, 0, SCALE_60));
    }

    @Test
    void unannouncedArrivalsAreGlancedForEveryPollInterval() {
        assertEquals(17, wakeUps.pauseMillis(0, 60_000, Handset.NOTHING_EXPECTED, 1_000, SCALE_60));
    }

    @Test
    void aLateOrUndecidedCopyIsLookedForAgainWithABackOffNotASpin() {
        long[] pauses = new long[8];
        for (int i = 0; i < pauses.length; i++) {
            pauses[i] = wakeUps.pauseMillis(10_000, 70_000, i == 0 ? Handset.UNDECIDED : 9_990, 0, SCALE_60);
            assertTrue(wakeUps.lastWasRecheck());
        }
        assertEquals(1, pauses[0]);
        assertEquals(2, pauses[1]);
        assertEquals(4, pauses[2]);
        assertEquals(32, pauses[5]);
        assertEquals(32, pauses[7], "capped");
        // Once it has landed, the next pause is a normal one and the back-off starts over.
        assertEquals(1_000, wakeUps.pauseMillis(10_000, 70_000, Handset.NOTHING_EXPECTED, 0, SCALE_60));
        assertEquals(1, wakeUps.pauseMillis(10_000, 70_000, 9_990, 0, SCALE_60));
    }

    @Test
    void aLookAgainNeverOutlastsTheDecision() {
        for (int i = 0; i < 6; i++) {
            wakeUps.pauseMillis(0, 60_000, -5, 0, SCALE_60);
        }
        assertEquals(1, wakeUps.pauseMillis(0, 30, -5, 0, SCALE_60));
    }
}
