package dev.otpsim.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {

    @Test
    void eventsRunInTimeOrderAndInSchedulingOrderWithinAMillisecond() {
        VirtualScheduler time = new VirtualScheduler();
        List<String> ran = new ArrayList<>();
        time.at(30, () -> ran.add("c@" + time.nowMillis()));
        time.at(10, () -> ran.add("a@" + time.nowMillis()));
        time.at(30, () -> ran.add("d@" + time.nowMillis()));
        time.at(10, () -> {
            ran.add("b@" + time.nowMillis());
            time.at(20, () -> ran.add("e@" + time.nowMillis()));
            time.at(5, () -> ran.add("past@" + time.nowMillis())); // in the past: runs now, after b's turn
        });
        time.run();
        assertEquals(List.of("a@10", "b@10", "past@10", "e@20", "c@30", "d@30"), ran);
        assertEquals(0, time.pending());
    }

    @Test
    void runUntilStopsAtTheBoundAndKeepsTheRest() {
        VirtualScheduler time = new VirtualScheduler();
        List<Long> ran = new ArrayList<>();
        for (long t : new long[] {5, 50, 500}) {
            time.at(t, () -> ran.add(time.nowMillis()));
        }
        time.runUntil(50);
        assertEquals(List.of(5L, 50L), ran);
        assertEquals(50, time.nowMillis());
        assertEquals(1, time.pending());
        assertEquals(500, time.nextEventMillis());
    }

    /** The heap against a sort: many random times, ties included, come out in (time, order) order. */
    @Test
    void aMillionRandomEventsComeOutSorted() {
        VirtualScheduler time = new VirtualScheduler();
        SplittableRandom r = new SplittableRandom(9);
        long[] last = {-1, -1};
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            long t = r.nextInt(5_000);
            long order = i;
            time.at(t, () -> {
                long now = time.nowMillis();
                if (now < last[0] || (now == last[0] && order < last[1])) {
                    throw new AssertionError("out of order at " + now);
                }
                last[0] = now;
                last[1] = order;
            });
        }
        time.run();
        assertEquals(n, time.eventsRun());
    }
}
