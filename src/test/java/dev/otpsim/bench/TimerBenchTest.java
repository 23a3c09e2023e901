package dev.otpsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The timer bench counts the messages asked for, after a warm-up it leaves out; nothing is early. */
class TimerBenchTest {

    @Test
    void countsOnlyTheMeasuredMessagesAfterTheWarmUp() throws Exception {
        TimerResult r = new TimerBench().measure(300, 2_000, 20);
        assertEquals(300, r.messages());
        assertEquals(300, r.delivered(), "the " + TimerBench.WARMUP_MESSAGES + " warm-up messages are not counted");
        assertEquals(0, r.early(), "a carrier never delivers before the planned instant");
        assertTrue(r.p50Ms() >= 0 && r.p50Ms() <= r.p99Ms() && r.p99Ms() <= r.maxMs(), r.toString());
    }
}
