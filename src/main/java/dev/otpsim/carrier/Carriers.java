package dev.otpsim.carrier;

import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.actor.PoisonPill;
import dev.otpsim.clock.SimClock;
import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Every carrier of a run: one or more {@link CarrierActor}s per channel, built from the
 * scenario's specs. A channel the scenario leaves out gets a perfect carrier.
 *
 * <pre>{@code
 * try (Carriers carriers = Carriers.start(specs, seed, clock, handsets, ledger)) {
 *     carriers.submit(message);                        // from any thread
 *     IntSupplier smsBacklog = carriers.backlogGauge(Channel.SMS); // for the metrics sampler
 * }
 * }</pre>
 *
 * <p>With several instances per channel, recipients are spread over them by address, so one
 * person's messages always go through the same instance (and its random stream).
 */
public final class Carriers implements AutoCloseable {
    private final ActorSystem system;
    private final boolean ownsSystem;
    private final SimClock clock;
    private final Map<Channel, CarrierSpec> specs;
    private final Map<Channel, ActorRef[]> actors = new EnumMap<>(Channel.class);
    private final Map<Channel, CarrierModel[]> models = new EnumMap<>(Channel.class);

    private Carriers(ActorSystem system, boolean ownsSystem, Map<Channel, CarrierSpec> specs, long seed, SimClock clock,
                     Handsets handsets, DeliveryEvents events) {
        this.system = system;
        this.ownsSystem = ownsSystem;
        this.clock = clock;
        Map<Channel, CarrierSpec> all = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            CarrierSpec spec = CarrierSpecs.specFor(specs, channel);
            all.put(channel, spec);
            ActorRef[] refs = new ActorRef[spec.instances()];
            CarrierModel[] ms = new CarrierModel[spec.instances()];
            for (int i = 0; i < refs.length; i++) {
                ms[i] = new CarrierModel(channel, spec, seed, i);
                refs[i] = system.actorOf(CarrierActor.props(ms[i], clock, handsets, events),
                        "carrier-" + channel.id() + "-" + i);
            }
            actors.put(channel, refs);
            models.put(channel, ms);
        }
        this.specs = Collections.unmodifiableMap(all);
    }

    /** Starts the carriers in their own actor system (made with {@link CarrierSystem#config()}), closed with them. */
    public static Carriers start(Map<Channel, CarrierSpec> specs, long seed, SimClock clock, Handsets handsets,
                                 DeliveryEvents events) {
        return new Carriers(CarrierSystem.create("otpsim-carriers"), true, specs, seed, clock, handsets, events);
    }

    /**
     * Starts the carriers in an existing actor system (it should use {@link CarrierSystem#SETTINGS}'
     * 1 ms ticks); {@link #close()} stops the carriers, not the system.
     */
    public static Carriers start(ActorSystem system, Map<Channel, CarrierSpec> specs, long seed, SimClock clock,
                                 Handsets handsets, DeliveryEvents events) {
        return new Carriers(system, false, specs, seed, clock, handsets, events);
    }

    /** Hands a message to its channel's carrier. Never blocks. */
    public void submit(CarrierMessage message) {
        ActorRef[] refs = actors.get(message.channel());
        ActorRef ref = refs.length == 1 ? refs[0] : refs[Math.floorMod(message.to().hashCode(), refs.length)];
        ref.tell(new CarrierActor.Submit(message), ActorRef.noSender());
    }

    /** Messages accepted by the channel's carrier and not yet sent on (outage hold and capacity queue), now. */
    public int backlog(Channel channel) {
        long now = clock.nowMillis();
        int sum = 0;
        for (CarrierModel m : models.get(channel)) {
            sum += m.backlogAt(now);
        }
        return sum;
    }

    /** {@link #backlog(Channel)} as a gauge for a metrics sampler on another thread. */
    public IntSupplier backlogGauge(Channel channel) {
        return () -> backlog(channel);
    }

    /** The spec each channel runs with (perfect for channels the scenario left out). */
    public Map<Channel, CarrierSpec> specs() {
        return specs;
    }

    /** Stops the carriers; scheduled deliveries not yet due are dropped. */
    @Override
    public void close() {
        if (ownsSystem) {
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // Terminating is best effort at shutdown; nothing useful to tell the user.
            }
        } else {
            actors.values().forEach(refs -> {
                for (ActorRef ref : refs) {
                    ref.tell(PoisonPill.getInstance(), ActorRef.noSender());
                }
            });
        }
    }
}
