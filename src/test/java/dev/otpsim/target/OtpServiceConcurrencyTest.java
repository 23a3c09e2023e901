package dev.otpsim.target;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.otpsim.clock.ManualClock;
import dev.otpsim.handset.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Many threads released at once on the same person, round after round: counters must stay
 * exact. (The HTTP test covers the same property end to end; here the threads collide far more
 * often, so a missing lock fails reliably.)
 */
class OtpServiceConcurrencyTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 5_000;
    private static final int CALLS_PER_THREAD = 3;

    private interface Call {
        void run(OtpService service, String user);
    }

    private void race(OtpService service, Call call) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        start.await();
                        for (int i = 0; i < CALLS_PER_THREAD; i++) {
                            call.run(service, "person-" + round);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void guessesEvaluatedNeverExceedMaxAttempts() throws Exception {
        int maxAttempts = 5;
        OtpService service = new OtpService(TargetPolicy.defaults().withMaxAttempts(maxAttempts, Duration.ofMinutes(30)),
                new ManualClock(), (c, to, body) -> true, new SplittableRandom(1));
        race(service, (s, user) -> s.verify(user, "wrong"));
        assertEquals((long) ROUNDS * maxAttempts, service.guessesEvaluated());
    }

    @Test
    void sendsNeverExceedMaxSends() throws Exception {
        int maxSends = 4;
        CapturingOutbox outbox = new CapturingOutbox();
        OtpService service = new OtpService(TargetPolicy.defaults().withResendCooldown(Duration.ZERO)
                .withMaxSends(maxSends, Duration.ofMinutes(10)), new ManualClock(), outbox, new SplittableRandom(1));
        race(service, (s, user) -> s.send(user, Channel.SMS));
        assertEquals((long) ROUNDS * maxSends, service.codesHandedOver());
        assertEquals(ROUNDS * maxSends, outbox.messages.size());
    }
}
