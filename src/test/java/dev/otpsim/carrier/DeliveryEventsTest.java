package dev.otpsim.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.otpsim.carrier.impairment.LossReason;
import dev.otpsim.handset.Channel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two ways to combine listeners: a filter in front of one, and a tee to two in order. */
class DeliveryEventsTest {
    private static final CarrierMessage KEPT = new CarrierMessage(1, Channel.SMS, "+1555", "111111", 10);
    private static final CarrierMessage DROPPED = new CarrierMessage(2, Channel.SMS, "warm-up-1", "222222", 20);

    /** Every kind of event once, for one message. */
    private static void everyEvent(DeliveryEvents events, CarrierMessage m) {
        events.issued(m);
        events.delivered(m, 100, true, 5);
        events.lost(m, LossReason.QUEUE_FULL, 200);
        events.duplicated(m, 300);
        events.unknownRecipient(m);
    }

    @Test
    void aTeeHandsEveryEventToBothInOrder() {
        List<String> order = new ArrayList<>();
        RecordingEvents first = new RecordingEvents(line -> order.add("first " + line));
        RecordingEvents second = new RecordingEvents(line -> order.add("second " + line));
        everyEvent(DeliveryEvents.tee(first, second), KEPT);
        assertEquals(List.of("issued #1 sms +1555 111111 at 10", "delivered #1 at 100 duplicate",
                "lost #1 queue-full at 200", "duplicated #1 at 300", "unknown #1 +1555"), first.lines);
        assertEquals(first.lines, second.lines, "the same events, with the same arguments");
        for (int i = 0; i < order.size(); i += 2) {
            assertEquals("first " + first.lines.get(i / 2), order.get(i));
            assertEquals("second " + first.lines.get(i / 2), order.get(i + 1));
        }
    }

    @Test
    void aFilterPassesOnlyTheEventsOfMessagesItKeeps() {
        RecordingEvents kept = new RecordingEvents();
        DeliveryEvents filtered = DeliveryEvents.filter(m -> !m.to().startsWith("warm-up"), kept);
        everyEvent(filtered, DROPPED);
        everyEvent(filtered, KEPT);
        assertEquals(5, kept.lines.size(), kept.lines::toString);
        assertEquals(0, kept.lines.stream().filter(l -> l.contains("#2")).count(), kept.lines::toString);
    }
}
