package dev.otpsim.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ForgetQueueTest {

    @Test
    void takesEveryEntryDueAndOnlyThoseEarliestFirst() {
        ForgetQueue q = new ForgetQueue();
        SplittableRandom r = new SplittableRandom(1);
        List<long[]> model = new ArrayList<>(); // {time, id} still queued
        List<PersonState> states = new ArrayList<>();
        long now = 0;
        for (int round = 0; round < 200; round++) {
            for (int i = 0; i < r.nextInt(0, 60); i++) {
                long at = now + r.nextLong(-1_000, 100_000);
                PersonState s = new PersonState();
                states.add(s);
                q.add(at, "u-" + (states.size() - 1), s);
                model.add(new long[] {at, states.size() - 1});
            }
            now += r.nextLong(0, 60_000);
            List<Long> times = new ArrayList<>();
            List<String> users = new ArrayList<>();
            List<PersonState> due = new ArrayList<>();
            q.takeDue(now, times, users, due);
            final long t = now;
            List<long[]> expected = model.stream().filter(e -> e[0] <= t).toList();
            model.removeIf(e -> e[0] <= t);
            assertEquals(expected.size(), due.size());
            for (int i = 0; i < due.size(); i++) {
                assertTrue(times.get(i) <= now);
                assertTrue(i == 0 || times.get(i - 1) <= times.get(i), "earliest first");
                int id = Integer.parseInt(users.get(i).substring(2));
                assertSame(states.get(id), due.get(i));
                long at = times.get(i);
                assertTrue(expected.stream().anyMatch(e -> e[0] == at && e[1] == id));
            }
            assertEquals(model.size(), q.size());
        }
    }
}
