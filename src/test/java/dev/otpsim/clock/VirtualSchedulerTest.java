package dev.otpsim.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {

    /** An event as a reference model sees it: ordered by time, then by when it was scheduled. */
    private record Planned(long at, long order, int id) {
    }

    @Test
    void eventsRunInTimeThenSchedulingOrderWhateverTheySchedule() {
        VirtualScheduler time = new VirtualScheduler();
        SplittableRandom r = new SplittableRandom(9);
        List<Integer> ran = new ArrayList<>();
        List<Planned> planned = new ArrayList<>();
        long[] order = {0};
        int[] ids = {0};
        // Each event may schedule up to three more, some at the same millisecond, some "in the past".
        class Spawn implements Runnable {
            final int id;

            Spawn(int id) {
                this.id = id;
            }

            @Override
            public void run() {
                ran.add(id);
                if (ids[0] < 20_000) {
                    for (int k = r.nextInt(4); k > 0; k--) {
                        schedule(time.nowMillis() + r.nextLong(-5, 50));
                    }
                }
            }

            void schedule(long at) {
                int id = ids[0]++;
                planned.add(new Planned(Math.max(at, time.nowMillis()), order[0]++, id));
                time.at(at, new Spawn(id));
            }
        }
        Spawn root = new Spawn(-1);
        for (int i = 0; i < 50; i++) {
            root.schedule(r.nextLong(0, 100));
        }
        time.run();
        // The reference: the same events, sorted. Valid because an event is only ever scheduled at
        // or after the time of the one scheduling it.
        List<Integer> expected = planned.stream()
                .sorted(Comparator.comparingLong(Planned::at).thenComparingLong(Planned::order))
                .map(Planned::id).toList();
        assertEquals(expected, ran);
        assertEquals(planned.size(), time.eventsRun());
        assertEquals(0, time.pending());
    }

    @Test
    void runUntilStopsAtTheBoundAndLeavesTheClockThere() {
        VirtualScheduler time = new VirtualScheduler();
        List<Long> ran = new ArrayList<>();
        for (long t : new long[] {30, 10, 20, 40}) {
            time.at(t, () -> ran.add(time.nowMillis()));
        }
        time.runUntil(25);
        assertEquals(List.of(10L, 20L), ran);
        assertEquals(25, time.nowMillis());
        assertEquals(30, time.nextEventMillis());
        time.at(5, () -> ran.add(time.nowMillis())); // the past runs now
        time.run();
        assertEquals(List.of(10L, 20L, 25L, 30L, 40L), ran);
    }


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
    void runUntilStopsAtTheBoundAndKeepsTheLaterEvents() {
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
