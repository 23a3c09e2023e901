package dev.otpsim.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.clock.ManualClock;
import dev.otpsim.clock.ScaledClock;
import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handset;
import dev.otpsim.handset.Handsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The facade with the real Akka scheduler: scaled time, routing, backlog gauges. */
class CarriersTest {

    @Test
    void deliversThroughEveryChannelAtScaledTime() throws InterruptedException {
        ScaledClock clock = ScaledClock.start(1_000); // 2 s simulated = 2 ms real
        Handsets handsets = new Handsets();
        Handset phone = handsets.register("+15550001");
        Handset mailbox = handsets.register("a@example.com");
        RecordingEvents events = new RecordingEvents();
        try (Carriers carriers = Carriers.start(Hocon.carriers("sms { delay = 2s }, voice { delay = 1s, instances = 3 }"),
                1L, clock, handsets, events)) {
            for (int i = 0; i < 20; i++) {
                carriers.submit(new CarrierMessage(i, Channel.SMS, "+15550001", "1000" + i, clock.nowMillis()));
            }
            carriers.submit(new CarrierMessage(20, Channel.EMAIL, "a@example.com", "424242", clock.nowMillis()));
            carriers.submit(new CarrierMessage(21, Channel.VOICE, "+15550001", "777777", clock.nowMillis()));
            await(() -> phone.count() == 21 && mailbox.count() == 1);
        }
        for (Handset.Message m : phone.messages()) {
            long latency = m.visibleAtMillis() - m.issuedAtMillis();
            assertTrue(latency >= (m.channel() == Channel.SMS ? 2_000 : 1_000), m::toString);
        }
        // Email was left out of the scenario: a perfect carrier, so only scheduling latency.
        assertEquals("424242", mailbox.get(0).code());
    }

    @Test
    void theBacklogGaugeFollowsTheCapacityQueue() throws InterruptedException {
        ManualClock clock = new ManualClock();
        Handsets handsets = new Handsets();
        try (Carriers carriers = Carriers.start(Hocon.carriers("sms { capacity { rate = 10 }, delay = 1h }"), 1L, clock,
                handsets, new RecordingEvents())) {
            IntSupplier backlog = carriers.backlogGauge(Channel.SMS);
            for (int i = 0; i < 20; i++) {
                carriers.submit(new CarrierMessage(i, Channel.SMS, "+15550001", "123456", 0));
            }
            await(() -> backlog.getAsInt() == 20);
            clock.set(1_000);
            assertEquals(10, backlog.getAsInt());
            clock.set(2_000);
            assertEquals(0, backlog.getAsInt());
            assertEquals(0, carriers.backlog(Channel.EMAIL));
        }
    }

    @Test
    void instancesShareTheCapacityAndOnePersonAlwaysUsesTheSameInstance() throws InterruptedException {
        ManualClock clock = new ManualClock();
        try (Carriers carriers = Carriers.start(Hocon.carriers("sms { capacity { rate = 10 }, delay = 1h, instances = 2 }"),
                1L, clock, new Handsets(), new RecordingEvents())) {
            for (int i = 0; i < 20; i++) {
                carriers.submit(new CarrierMessage(i, Channel.SMS, "+15550001", "123456", 0));
            }
            await(() -> carriers.backlog(Channel.SMS) == 20);
            // All 20 wait on one instance, which sends 5 a second: half are still there after 2 s.
            clock.set(2_000);
            assertEquals(10, carriers.backlog(Channel.SMS));
            clock.set(4_000);
            assertEquals(0, carriers.backlog(Channel.SMS));
        }
    }

    /** The timeout only guards against hanging: a busy machine may take its time. */
    private static void await(BooleanSupplier condition) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2))
                .until(condition::getAsBoolean);
    }
}
