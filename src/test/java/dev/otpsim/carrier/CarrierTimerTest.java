package dev.otpsim.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        CountDownLatch done = new CountDownLatch(3);
        try (CarrierTimer timer = new CarrierTimer()) {
            long t0 = System.nanoTime();
            long[] delays = {30_000_000, 10_000_000, 20_000_000};
            for (int i = 0; i < 3; i++) {
                int n = i;
                timer.schedule(delays[i], () -> {
                    ranAt[n] = System.nanoTime() - t0;
                    order.add(n);
                    done.countDown();
                });
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
            assertEquals(List.of(1, 2, 0), order);
            for (int i = 0; i < 3; i++) {
                assertTrue(ranAt[i] >= delays[i], "task " + i + " ran " + ranAt[i] + " ns after scheduling");
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
