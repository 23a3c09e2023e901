package dev.otpsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Requests in flight never exceed the gate's limit, whoever asks at once. */
class RequestGateTest {

    @Test
    void aPlaceIsFreeAgainOnceTheAnswerIsIn() {
        RequestGate gate = new RequestGate(2);
        assertTrue(gate.tryEnter());
        assertTrue(gate.tryEnter());
        assertFalse(gate.tryEnter());
        gate.leave();
        assertTrue(gate.tryEnter());
        assertEquals(2, gate.inFlight());
    }

    @Test
    void manyThreadsAtOnceNeverExceedTheLimit() throws InterruptedException {
        RequestGate gate = new RequestGate(8);
        AtomicInteger most = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 100_000; i++) {
                    if (gate.tryEnter()) {
                        most.accumulateAndGet(gate.inFlight(), Math::max);
                        gate.leave();
                    }
                }
                done.countDown();
            });
        }
        assertTrue(done.await(60, TimeUnit.SECONDS));
        pool.shutdown();
        assertTrue(most.get() <= 8, "" + most.get());
        assertEquals(0, gate.inFlight());
    }
}
