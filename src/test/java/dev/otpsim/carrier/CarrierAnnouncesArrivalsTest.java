package dev.otpsim.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.otpsim.carrier.gateway.CodeExtractor;
import dev.otpsim.carrier.gateway.MessageIntake;
import dev.otpsim.carrier.gateway.RecipientPolicy;
import dev.otpsim.clock.SimScheduler;
import dev.otpsim.clock.VirtualScheduler;
import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handset;
import dev.otpsim.handset.Handsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gateway tells a handset a message is on its way before the target answers, and the carrier
 * tells it when each copy becomes visible as soon as it decides: what lets a person sleep until
 * then instead of glancing at the phone.
 */
class CarrierAnnouncesArrivalsTest {
    private static final CodeExtractor SIX_DIGITS = new CodeExtractor(java.util.regex.Pattern.compile("\\b\\d{6}\\b"));
    private final VirtualScheduler events = new VirtualScheduler();
    /** Virtual time's events at a finite scale: announcing is for people who sleep in real time. */
    private final SimScheduler time = new SimScheduler() {
        @Override
        public void at(long atMillis, Runnable action) {
            events.at(atMillis, action);
        }

        @Override
        public long nowMillis() {
            return events.nowMillis();
        }

        @Override
        public double timeScale() {
            return 60;
        }
    };
    private final Handsets handsets = new Handsets();
    private final Handset phone = handsets.register("u-1");

    private Carrier carrier(String spec) {
        return new Carrier(Hocon.smsModel(spec, 1), time, handsets, DeliveryEvents.NONE);
    }

    @Test
    void theGatewayAnnouncesAMessageBeforeTheCarrierDecides() {
        List<CarrierMessage> held = new ArrayList<>(); // a carrier that has not got to it yet
        MessageIntake intake = new MessageIntake(SIX_DIGITS, time, handsets, RecipientPolicy.KNOWN_ONLY,
                DeliveryEvents.NONE, held::add);
        intake.accept(Channel.SMS, "u-1", "Your code is 123456");
        assertEquals(Handset.UNDECIDED, phone.nextArrivalMillis());
        carrier("delay = 5s").submit(held.get(0));
        assertEquals(5_000, phone.nextArrivalMillis());
    }

    @Test
    void theCarrierSaysWhenEachCopyBecomesVisibleAndForgetsItOnDelivery() {
        Carrier sms = carrier("delay = 5s, duplicate { probability = 1, extra-delay = 3s }");
        sms.submit(Hocon.message(1, "u-1", 0));
        assertEquals(5_000, phone.nextArrivalMillis());
        events.runUntil(5_000);
        assertEquals(1, phone.count());
        assertEquals(8_000, phone.nextArrivalMillis(), "the duplicate is planned too");
        events.run();
        assertEquals(2, phone.count());
        assertEquals(Handset.NOTHING_EXPECTED, phone.nextArrivalMillis());
    }

    @Test
    void inVirtualTimeNothingIsAnnouncedForDeliveriesWakePeopleThere() {
        VirtualScheduler virtual = new VirtualScheduler();
        MessageIntake intake = new MessageIntake(SIX_DIGITS, virtual, handsets, RecipientPolicy.KNOWN_ONLY,
                DeliveryEvents.NONE, new Carrier(Hocon.smsModel("delay = 5s", 1), virtual, handsets,
                        DeliveryEvents.NONE)::submit);
        intake.accept(Channel.SMS, "u-1", "Your code is 123456");
        assertEquals(Handset.NOTHING_EXPECTED, phone.nextArrivalMillis());
        virtual.run();
        assertEquals(1, phone.count());
    }

    @Test
    void aLostMessageIsExpectedNoMore() {
        MessageIntake intake = new MessageIntake(SIX_DIGITS, time, handsets, RecipientPolicy.KNOWN_ONLY,
                DeliveryEvents.NONE, carrier("delay = 5s, loss { probability = 1 }")::submit);
        intake.accept(Channel.SMS, "u-1", "Your code is 123456");
        assertEquals(Handset.NOTHING_EXPECTED, phone.nextArrivalMillis());
    }
}
