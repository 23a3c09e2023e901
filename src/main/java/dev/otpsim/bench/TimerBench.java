package dev.otpsim.bench;

import com.typesafe.config.ConfigFactory;
import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.carrier.CarrierSpec;
import dev.otpsim.carrier.CarrierSpecs;
import dev.otpsim.carrier.Carriers;
import dev.otpsim.carrier.DeliveryEvents;
import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handsets;
import dev.otpsim.config.Problems;
import dev.otpsim.config.Section;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Carrier timer error: messages submitted at a steady rate through the real {@link Carriers}
 * (Akka actors timed by the carriers' own timer thread) with a fixed delay at time-scale 1; each
 * delivery's real instant (when the carrier reports it delivered) minus the real instant its
 * planned simulated time stands for, in microseconds: the timer's wake-up, the hop through the
 * actor's mailbox and the handset write, which is when a person can see the code.
 *
 * <p>A warm-up of {@link #WARMUP_MESSAGES} goes through the same carriers first, at the same rate,
 * and is not counted: in a cold JVM the first second's deliveries wait on JIT compilation (a 3 s
 * measurement in a fresh JVM had p99 2.5 ms where the steady state is lower), which is the JVM
 * starting, not the timer's error during a run.
 */
final class TimerBench {
    private static final int ADDRESSES = 1_000;
    static final int WARMUP_MESSAGES = 2_000;

    TimerResult measure(int messages, double perSecond, long delayMillis) throws InterruptedException {
        BenchClock clock = new BenchClock();
        Handsets handsets = new Handsets();
        for (int i = 0; i < ADDRESSES; i++) {
            handsets.register(address(i));
        }
        // Auto-resizing: a stalled scheduler must not overflow it.
        Histogram lateMicros = new Histogram(3);
        AtomicLong delivered = new AtomicLong(), early = new AtomicLong();
        DeliveryEvents events = new Recorder(clock, delayMillis, WARMUP_MESSAGES, lateMicros, delivered, early);
        try (Carriers carriers = Carriers.start(Map.of(Channel.SMS, fixedDelay(delayMillis)), 1, clock, handsets,
                events)) {
            long start = System.nanoTime();
            int total = WARMUP_MESSAGES + messages;
            for (int i = 0; i < total; i++) {
                // Paced by absolute deadlines, so a late wake-up does not slow the rate down.
                long due = start + (long) (i * 1e9 / perSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                carriers.submit(new CarrierMessage(i + 1, Channel.SMS, address(i % ADDRESSES), "123456",
                        clock.nowMillis()));
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis + 5_000);
            while (delivered.get() < messages && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        synchronized (lateMicros) {
            return new TimerResult(messages, perSecond, delayMillis, delivered.get(), early.get(),
                    lateMicros.getValueAtPercentile(50) / 1000.0, lateMicros.getValueAtPercentile(99) / 1000.0,
                    lateMicros.getMaxValue() / 1000.0);
        }
    }

    private static String address(int i) {
        return "t-" + i;
    }

    /** A carrier with nothing but a fixed delay, read the way a scenario's carrier is. */
    private static CarrierSpec fixedDelay(long delayMillis) {
        Problems problems = new Problems();
        Section root = Section.root(ConfigFactory.parseString("carriers.sms.delay = " + delayMillis + "ms"), problems);
        Map<Channel, CarrierSpec> specs = CarrierSpecs.read(root.section("carriers"));
        problems.throwIfAny();
        return specs.get(Channel.SMS);
    }

    /** Records each first copy's lateness when the carrier reports it delivered. */
    private record Recorder(BenchClock clock, long delayMillis, int warmUp, Histogram lateMicros, AtomicLong delivered,
                            AtomicLong early) implements DeliveryEvents {
        @Override
        public void delivered(CarrierMessage m, long visibleAtMillis, boolean duplicate, long lateMillis) {
            long now = System.nanoTime();
            if (m.id() <= warmUp) {
                return; // the warm-up's messages (ids 1..warmUp) are not counted
            }
            long late = now - clock.realNanosOf(m.issuedAtMillis() + delayMillis);
            synchronized (lateMicros) {
                if (late < 0) {
                    early.incrementAndGet();
                }
                lateMicros.recordValue(Math.max(0, late) / 1_000);
            }
            delivered.incrementAndGet();
        }
    }
}
