package dev.otpsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each hop measures the messages after the warm-up, on the thread that hop ends on: the timer's
 * own for the timer, an actor dispatcher's once the mailbox is in the way.
 */
class TimerHopsTest {

    @ParameterizedTest
    @EnumSource(TimerHops.Hop.class)
    void eachHopMeasuresTheMessagesAfterTheWarmUpWhereThatHopEnds(TimerHops.Hop hop) throws Exception {
        TimerHops.Lateness l = TimerHops.measure(hop, 20, 100);
        assertEquals(hop.label, l.hop());
        assertEquals(100, l.counted(), "the 20 warm-up messages are not counted");
        assertEquals(20, l.firstCounted(), l.toString());
        assertEquals(119, l.lastCounted(), l.toString());
        String expected = hop == TimerHops.Hop.TIMER ? "otpsim-carrier-timer" : "otpsim-timer-hops-akka.actor.default-dispatcher";
        assertTrue(l.receivedOn().stream().allMatch(t -> t.startsWith(expected)), expected + ": " + l.receivedOn());
        // Nothing runs before its due instant, and a thread's wake-up takes microseconds at least.
        assertTrue(l.max() > 0 && l.p50() <= l.p99() && l.p99() <= l.max(), l.toString());
    }
}
