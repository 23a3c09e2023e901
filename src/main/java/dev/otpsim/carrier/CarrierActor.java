package dev.otpsim.carrier;

import akka.actor.AbstractActor;
import akka.actor.ActorRef;
import akka.actor.Props;
import dev.otpsim.clock.SimClock;
import dev.otpsim.clock.SimScheduler;
import dev.otpsim.handset.Handsets;
import java.time.Duration;

/**
 * One carrier instance as an Akka classic actor: a thin shell around a {@link Carrier}. Its
 * scheduler is the actor itself — "run this at simulated time t" becomes a message to self,
 * sent by Akka's timer at the real time the {@link SimClock} maps t to — so the mailbox
 * serialises decisions and deliveries, and the model sees messages one at a time, in the order
 * they were submitted.
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

    /** Something the carrier planned for simulated {@code atMillis} is due. */
    record Due(long atMillis, Runnable action) {
    }

    private final SimClock clock;
    private final Carrier carrier;
    private final CarrierTimer timer;

    private CarrierActor(CarrierModel model, SimClock clock, Handsets handsets, DeliveryEvents events,
                         CarrierTimer timer) {
        this.clock = clock;
        this.timer = timer;
        this.carrier = new Carrier(model, new Mailbox(), handsets, events);
    }

    /**
     * Props for one carrier instance. The model is shared with whoever reads its backlog; a
     * restarted actor keeps it (and with it the queue state).
     */
    public static Props props(CarrierModel model, SimClock clock, Handsets handsets, DeliveryEvents events) {
        return props(model, clock, handsets, events, null);
    }

    /**
     * As {@link #props(CarrierModel, SimClock, Handsets, DeliveryEvents)}, timed by {@code timer}
     * (to within tens of µs) instead of the actor system's 1 ms-tick scheduler; null for the latter
     * (e.g. Akka's explicitly triggered scheduler in tests).
     */
    public static Props props(CarrierModel model, SimClock clock, Handsets handsets, DeliveryEvents events,
                              CarrierTimer timer) {
        return Props.create(CarrierActor.class, () -> new CarrierActor(model, clock, handsets, events, timer));
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(Submit.class, s -> carrier.submit(s.message()))
                .match(Due.class, d -> d.action().run())
                .build();
    }

    /** The carrier's scheduler: Akka's timer sends the action back through the mailbox when due. */
    private final class Mailbox implements SimScheduler {
        @Override
        public long nowMillis() {
            return clock.nowMillis();
        }

        @Override
        public double timeScale() {
            return clock.timeScale();
        }

        @Override
        public void at(long atMillis, Runnable action) {
            Due due = new Due(atMillis, action);
            long realNanos = clock.realNanosUntil(atMillis);
            if (realNanos <= 0) {
                self().tell(due, ActorRef.noSender());
                return;
            }
            if (timer != null) {
                ActorRef self = self();
                timer.schedule(realNanos, () -> self.tell(due, ActorRef.noSender()));
                return;
            }
            getContext().getSystem().scheduler().scheduleOnce(Duration.ofNanos(realNanos), self(), due,
                    getContext().getDispatcher(), ActorRef.noSender());
        }
    }
}
