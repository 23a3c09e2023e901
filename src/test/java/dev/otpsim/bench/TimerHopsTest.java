package dev.otpsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each hop counts the messages asked for, leaves the warm-up out, and orders its percentiles. */
class TimerHopsTest {

    @ParameterizedTest
    @EnumSource(TimerHops.Hop.class)
    void countsTheMeasuredMessagesOfEachHop(TimerHops.Hop hop) throws Exception {
        TimerHops.Lateness l = TimerHops.measure(hop, 20, 100);
        assertEquals(hop.label, l.hop());
        assertEquals(100, l.counted(), "the 20 warm-up messages are not counted");
        assertTrue(l.p50() >= 0 && l.p50() <= l.p99() && l.p99() <= l.max(), l.toString());
    }
}
