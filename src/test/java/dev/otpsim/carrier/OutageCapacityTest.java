package dev.otpsim.carrier;

import dev.otpsim.carrier.impairment.LossReason;

import static dev.otpsim.carrier.Hocon.message;
import static dev.otpsim.carrier.Hocon.smsModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Outage windows and the capacity queue: deterministic, so checked exactly. */
class OutageCapacityTest {

    @Test
    void dropOutageLosesExactlyTheMessagesInsideTheWindow() {
        CarrierModel sms = smsModel("delay = 2s, outages = [ { start = 2m, end = 5m, mode = drop } ]", 1L);
        for (long t = 0; t <= 600_000; t += 500) {
            Decision d = sms.decide(message(t, "u", t));
            boolean inside = t >= 120_000 && t < 300_000;
            assertEquals(inside, d.isLost(), "message at " + t);
            if (inside) {
                assertEquals(LossReason.OUTAGE, d.loss());
                assertEquals(t, d.lostAtMillis());
            } else {
                assertEquals(t + 2_000, d.visibleAtMillis());
            }
        }
    }

    @Test
    void holdOutageDeliversItsMessagesInABurstRightAfterTheWindow() {
        CarrierModel sms = smsModel("delay = 2s, outages = [ { start = 2m, end = 5m, mode = hold } ]", 1L);
        int burst = 0;
        for (long t = 0; t <= 600_000; t += 500) {
            Decision d = sms.decide(message(t, "u", t));
            assertFalse(d.isLost());
            boolean inside = t >= 120_000 && t < 300_000;
            assertEquals(inside ? 302_000 : t + 2_000, d.visibleAtMillis(), "message at " + t);
            burst += inside ? 1 : 0;
            if (t == 200_000) {
                // Held messages count as backlog until the window ends.
                assertEquals(161, sms.backlogAt(t));
                assertEquals(0, sms.backlogAt(300_000));
            }
        }
        assertEquals(360, burst);
    }

    @Test
    void loadAboveCapacityGrowsTheQueueLinearlyThenDropsTail() {
        // 20 msg/s offered to a 10 msg/s carrier: the queue grows by 10 a second until 500 wait.
        CarrierModel sms = smsModel("capacity { rate = 10, queue-limit = 500 }", 1L);
        List<long[]> backlog = new ArrayList<>();
        long firstDrop = -1;
        long previousVisible = 0;
        for (long t = 0; t < 120_000; t += 50) {
            Decision d = sms.decide(message(t, "u", t));
            if (t % 10_000 == 0) {
                backlog.add(new long[] {t, sms.backlogAt(t)});
            }
            if (d.isLost()) {
                assertEquals(LossReason.QUEUE_FULL, d.loss());
                if (firstDrop < 0) {
                    firstDrop = t;
                }
            } else {
                if (previousVisible > 0) {
                    assertEquals(100, d.visibleAtMillis() - previousVisible, "FIFO departures 1/rate apart");
                }
                previousVisible = d.visibleAtMillis();
            }
        }
        for (long[] point : backlog) {
            long expected = Math.min(500, point[0] / 100); // (20 - 10) msg/s × t
            assertEquals(expected, point[1], 2, "backlog at " + point[0] + " ms");
        }
        assertEquals(50_000, firstDrop, 100, "queue reaches its limit after 50 s");
        // Once full it stays full: half the offered messages are dropped.
        assertEquals(500, sms.backlogAt(119_950), 1);
    }

    @Test
    void loadBelowCapacityWaitsOnlyTheServiceTime() {
        CarrierModel sms = smsModel("capacity { rate = 10, queue-limit = 5 }", 1L);
        for (long t = 0; t < 60_000; t += 200) { // 5 msg/s on a 10 msg/s carrier
            Decision d = sms.decide(message(t, "u", t));
            assertFalse(d.isLost());
            assertEquals(t + 100, d.visibleAtMillis());
            assertTrue(sms.backlogAt(t) <= 1);
        }
        assertEquals(0, sms.backlogAt(60_000));
    }

    @Test
    void aHeldBurstDrainsThroughTheCapacityQueue() {
        CarrierModel sms = smsModel("capacity { rate = 10, queue-limit = 1000 }, "
                + "outages = [ { start = 10s, end = 20s, mode = hold } ]", 1L);
        List<Long> visible = new ArrayList<>();
        for (long t = 10_000; t < 20_000; t += 100) { // 100 messages held
            visible.add(sms.decide(message(t, "u", t)).visibleAtMillis());
        }
        assertEquals(20_100, visible.get(0));
        assertEquals(20_000 + 100 * 100, visible.get(99));
    }

    @Test
    void aCapacityDropQueuesWhatItsOwnRateCannotCarryAndRecoversAfterIt() {
        // 5 msg/s offered to a 10 msg/s carrier that drops to 2 msg/s from 60 s to 120 s.
        CarrierModel sms = smsModel("capacity { rate = 10, queue-limit = 100000, "
                + "drops = [ { start = 60s, end = 120s, rate = 2 } ] }", 1L);
        long lastDelay = 0;
        for (long t = 0; t < 300_000; t += 200) {
            Decision d = sms.decide(message(t, "u", t));
            long delay = d.visibleAtMillis() - t;
            if (t < 60_000) {
                assertEquals(100, delay, "before the drop: service time only");
            }
            if (t == 119_800) {
                // 60 s with 5 msg/s in and 2 msg/s out: about 180 messages waiting when the drop ends.
                assertTrue(sms.backlogAt(t) > 150, "the queue grew during the drop: " + sms.backlogAt(t));
            }
            lastDelay = delay;
        }
        assertEquals(100, lastDelay, "long after the drop the queue has drained");
    }

    @Test
    void capacityDropsAreReadAndCheckedFromTheScenario() {
        var spec = Hocon.sms("capacity { rate = 10, drops = [ { start = 1m, end = 2m, rate = 1 } ] }");
        assertTrue(spec.impairments().contains(new dev.otpsim.carrier.impairment.Capacity(10, 10_000,
                List.of(new dev.otpsim.carrier.impairment.Capacity.Drop(60_000, 120_000, 1)))), spec::describe);
        var problems = new dev.otpsim.config.Problems();
        dev.otpsim.carrier.CarrierSpecs.read(Hocon.root("carriers.sms.capacity { rate = 10, drops = [ "
                + "{ start = 2m, end = 1m, rate = 1 } ] }", problems).section("carriers"));
        assertEquals("carriers.sms.capacity.drops[0].end", problems.all().get(0).key(), problems.all().toString());
    }
}
