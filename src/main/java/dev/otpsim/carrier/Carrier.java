package dev.otpsim.carrier;

import dev.otpsim.clock.SimScheduler;
import dev.otpsim.handset.Handset;
import dev.otpsim.handset.Handsets;

/**
 * One carrier instance at work: asks its {@link CarrierModel} what happens to a message, has each
 * copy delivered at its simulated time through a {@link SimScheduler}, and reports it. The same
 * object runs in both engines — in virtual time on the event loop, in scaled real time inside a
 * {@link CarrierActor}, whose scheduler is the actor's own timer and mailbox.
 *
 * <pre>{@code
 * Carrier sms = new Carrier(new CarrierModel(Channel.SMS, spec, seed, 0), time, handsets, ledger);
 * sms.submit(message);          // decided now, delivered when its time comes
 * }</pre>
 * Not thread-safe: one caller at a time (the event loop, or the actor's mailbox).
 */
public final class Carrier {
    private final CarrierModel model;
    private final SimScheduler time;
    private final Handsets handsets;
    private final DeliveryEvents events;

    public Carrier(CarrierModel model, SimScheduler time, Handsets handsets, DeliveryEvents events) {
        this.model = model;
        this.time = time;
        this.handsets = handsets;
        this.events = events;
        // In virtual time a delivery wakes its person at once (Handset.onArrival): nobody sleeps until it.
        this.announce = Double.isFinite(time.timeScale());
    }

    private final boolean announce;

    public CarrierModel model() {
        return model;
    }

    /** Takes a message the gateway accepted: decides its fate and plans its deliveries. */
    public void submit(CarrierMessage m) {
        Decision d = model.decide(m);
        // The handset learns when to expect each copy: its person sleeps until then, not polling.
        Handset handset = announce ? handsets.find(m.to()).orElse(null) : null;
        if (d.isLost()) {
            if (handset != null) {
                handset.notComing(m.id());
            }
            events.lost(m, d.loss(), d.lostAtMillis());
            return;
        }
        long first = d.visibleAtMillis();
        if (handset != null) {
            handset.expect(m.id(), first);
        }
        time.at(first, () -> deliver(m, first, false));
        if (d.hasDuplicate()) {
            long second = d.duplicateAtMillis();
            if (handset != null) {
                handset.expect(m.id(), second);
            }
            time.at(second, () -> deliver(m, second, true));
            // Reported once both copies are planned: whoever hears of it can count on the schedule.
            events.duplicated(m, second);
        }
    }

    private void deliver(CarrierMessage m, long plannedAtMillis, boolean duplicate) {
        Handset handset = handsets.find(m.to()).orElse(null);
        if (handset == null) {
            if (!duplicate) { // the first copy always comes first: report once per message
                events.unknownRecipient(m);
            }
            return;
        }
        // Visible when it really landed, never before the model said: a late timer (scaled real
        // time) shows up in the measured latency instead of being hidden.
        long visibleAt = Math.max(plannedAtMillis, time.nowMillis());
        handset.deliver(new Handset.Message(m.id(), m.channel(), m.code(), m.issuedAtMillis(), visibleAt, duplicate));
        // Reported even when the person's handset was retired: the carrier did deliver it.
        events.delivered(m, visibleAt, duplicate, visibleAt - plannedAtMillis);
    }
}
