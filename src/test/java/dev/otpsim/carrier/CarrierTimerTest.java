package dev.otpsim.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.clock.ScaledClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The carriers' own timer: tasks in time order, never before their instant, dropped when closed. */
class CarrierTimerTest {

    @Test
    void runsTasksInTheOrderOfTheirInstantsAndNeverEarly() throws InterruptedException {
        List<Integer> order = new CopyOnWriteArrayList<>();
        long[] ranAt = new long[3];
        long[] earliest = new long[3]; // each task's instant lies between these two: the timer reads
        long[] latest = new long[3];   // the clock inside schedule()
        CountDownLatch done = new CountDownLatch(3);
        try (CarrierTimer timer = new CarrierTimer()) {
            long[] delays = {30_000_000, 10_000_000, 20_000_000};
            for (int i = 0; i < 3; i++) {
                int n = i;
                earliest[i] = System.nanoTime() + delays[i];
                timer.schedule(delays[i], () -> {
                    ranAt[n] = System.nanoTime();
                    order.add(n);
                    done.countDown();
                });
                latest[i] = System.nanoTime() + delays[i];
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
            assertEquals(3, order.size());
            // Scheduled 30, 10 and 20 ms ahead, the tasks are due in the order 1, 2, 0 — unless the
            // machine paused this thread between two schedule() calls for longer than the delays
            // differ (it did, on a busy machine: [0, 1, 2] was then the right order). So the order
            // is checked against the instants themselves: a task whose instant was surely earlier
            // than another's ran first.
            for (int a = 0; a < 3; a++) {
                for (int b = a + 1; b < 3; b++) {
                    int first = order.get(a);
                    int then = order.get(b);
                    assertFalse(latest[then] < earliest[first], "task " + then + " was due before task " + first
                            + " but ran after it: " + order);
                }
                int n = order.get(a);
                assertTrue(ranAt[n] >= earliest[n], "task " + n + " ran " + (earliest[n] - ranAt[n]) + " ns early");
            }
        }
    }

    @Test
    void closingDropsWhatIsNotYetDueAndLaterTasksAreIgnored() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        CarrierTimer timer = new CarrierTimer();
        timer.schedule(TimeUnit.MINUTES.toNanos(10), ran::countDown);
        assertEquals(1, timer.pending());
        timer.close();
        assertEquals(0, timer.pending());
        timer.schedule(0, ran::countDown);
        assertEquals(false, ran.await(50, TimeUnit.MILLISECONDS));
    }

    @Test
    void aScaledClockSaysExactlyHowLongUntilASimulatedInstant() {
        long t0 = System.nanoTime();
        ScaledClock clock = ScaledClock.start(60);
        long t1 = System.nanoTime();
        long before = System.nanoTime();
        long until = clock.realNanosUntil(60_000); // one real second after its start
        long after = System.nanoTime();
        assertTrue(until >= t0 + 1_000_000_000L - after && until <= t1 + 1_000_000_000L - before, "" + until);
    }
}
