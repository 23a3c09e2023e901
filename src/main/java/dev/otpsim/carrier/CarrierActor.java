package dev.otpsim.carrier;

import akka.actor.AbstractActor;
import akka.actor.ActorRef;
import akka.actor.Props;
import dev.otpsim.clock.SimClock;
import dev.otpsim.handset.Handset;
import dev.otpsim.handset.Handsets;
import java.time.Duration;
import java.util.Optional;

/**
 * One carrier instance as an Akka classic actor: a thin shell around a {@link CarrierModel}.
 * On {@link Submit} it asks the model for a decision and schedules each copy's delivery at its
 * simulated time (converted to real time by the {@link SimClock}); on {@link Deliver} it puts the
 * message into the recipient's handset and reports it. The mailbox serialises both, so the model
 * sees messages one at a time, in the order they were submitted.
 *
 * <pre>{@code
 * ActorRef sms = system.actorOf(CarrierActor.props(model, clock, handsets, events), "carrier-sms-0");
 * sms.tell(new CarrierActor.Submit(message), ActorRef.noSender());
 * }</pre>
 */
public final class CarrierActor extends AbstractActor {

    /** Hands a message to this carrier. */
    public record Submit(CarrierMessage message) {
    }

    /** A copy of a message is due in its handset at {@code plannedAtMillis} (simulated). */
    public record Deliver(CarrierMessage message, long plannedAtMillis, boolean duplicate) {
    }

    private final CarrierModel model;
    private final SimClock clock;
    private final Handsets handsets;
    private final DeliveryEvents events;

    private CarrierActor(CarrierModel model, SimClock clock, Handsets handsets, DeliveryEvents events) {
        this.model = model;
        this.clock = clock;
        this.handsets = handsets;
        this.events = events;
    }

    /**
     * Props for one carrier instance. The model is shared with whoever reads its backlog; a
     * restarted actor keeps it (and with it the random stream and queue state).
     */
    public static Props props(CarrierModel model, SimClock clock, Handsets handsets, DeliveryEvents events) {
        return Props.create(CarrierActor.class, () -> new CarrierActor(model, clock, handsets, events));
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(Submit.class, this::onSubmit)
                .match(Deliver.class, this::onDeliver)
                .build();
    }

    private void onSubmit(Submit submit) {
        CarrierMessage m = submit.message();
        Decision d = model.decide(m);
        if (d.isLost()) {
            events.lost(m, d.loss(), d.lostAtMillis());
            return;
        }
        schedule(new Deliver(m, d.visibleAtMillis(), false));
        if (d.hasDuplicate()) {
            events.duplicated(m, d.duplicateAtMillis());
            schedule(new Deliver(m, d.duplicateAtMillis(), true));
        }
    }

    private void schedule(Deliver deliver) {
        long realNanos = clock.toRealNanos(deliver.plannedAtMillis() - clock.nowMillis());
        if (realNanos <= 0) {
            self().tell(deliver, ActorRef.noSender());
            return;
        }
        getContext().getSystem().scheduler().scheduleOnce(Duration.ofNanos(realNanos), self(), deliver,
                getContext().getDispatcher(), ActorRef.noSender());
    }

    private void onDeliver(Deliver deliver) {
        CarrierMessage m = deliver.message();
        Optional<Handset> handset = handsets.find(m.to());
        if (handset.isEmpty()) {
            if (!deliver.duplicate()) { // the first copy always comes first: report once per message
                events.unknownRecipient(m);
            }
            return;
        }
        // Visible when it really landed, never before the model said: scheduler lateness shows
        // up in the measured latency instead of being hidden.
        long visibleAt = Math.max(deliver.plannedAtMillis(), clock.nowMillis());
        handset.get().deliver(new Handset.Message(m.id(), m.channel(), m.code(), m.issuedAtMillis(), visibleAt,
                deliver.duplicate()));
        // Reported even when the person's handset was retired: the carrier did deliver it.
        events.delivered(m, visibleAt, deliver.duplicate());
    }
}
