package dev.otpsim.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimeQueueTest {
    private record Entry(long at, int id) {
    }

    /** Against a sorted list: adds and polls interleaved, ties by adding order, growth from a small start. */
    @Test
    void pollsInTimeThenAddingOrder() {
        TimeQueue<Integer> q = new TimeQueue<>(1);
        SplittableRandom r = new SplittableRandom(5);
        List<Entry> model = new ArrayList<>(); // kept sorted by (time, id); ids grow with adding order
        int ids = 0;
        for (int round = 0; round < 2_000; round++) {
            for (int k = r.nextInt(0, 8); k > 0; k--) {
                long at = r.nextLong(0, 50); // many ties
                q.add(at, ids);
                model.add(new Entry(at, ids++));
            }
            model.sort(Comparator.comparingLong(Entry::at).thenComparingInt(Entry::id));
            for (int k = r.nextInt(0, 8); k > 0 && !model.isEmpty(); k--) {
                Entry e = model.remove(0);
                assertEquals(e.at(), q.nextTime());
                assertEquals(e.id(), q.poll());
            }
            assertEquals(model.size(), q.size());
        }
    }

    @Test
    void anEmptyQueueHasNoNextTimeAndPollsNull() {
        TimeQueue<String> q = new TimeQueue<>(4);
        assertEquals(Long.MAX_VALUE, q.nextTime());
        assertNull(q.poll());
        q.add(7, "a");
        assertEquals("a", q.poll());
        assertEquals(Long.MAX_VALUE, q.nextTime());
    }
}
