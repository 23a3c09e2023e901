package dev.otpsim.carrier;

import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.actor.PoisonPill;
import dev.otpsim.clock.SimClock;
import dev.otpsim.clock.SimScheduler;
import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Every carrier of a run: one or more {@link Carrier}s per channel, built from the scenario's
 * specs. A channel the scenario leaves out gets a perfect carrier. Two ways to run them, one
 * model:
 * <ul>
 *   <li>{@link #start} — each carrier in its own {@link CarrierActor} (scaled real time, the
 *       Gatling engine and {@code otpsim gateway});</li>
 *   <li>{@link #inline} — plain objects called on the virtual-time event loop.</li>
 * </ul>
 *
 * <pre>{@code
 * try (Carriers carriers = Carriers.start(specs, seed, clock, handsets, ledger)) {
 *     carriers.submit(message);                        // from any thread
 *     IntSupplier smsBacklog = carriers.backlogGauge(Channel.SMS); // for the metrics sampler
 * }
 * }</pre>
 *
 * <p>With several instances per channel, recipients are spread over them by address, so one
 * person's messages always go through the same instance.
 */
public final class Carriers implements AutoCloseable {
    private final SimClock clock;
    private final Map<Channel, CarrierSpec> specs;
    private final Map<Channel, CarrierModel[]> models = new EnumMap<>(Channel.class);
    private final Map<Channel, Consumer<CarrierMessage>[]> instances = new EnumMap<>(Channel.class);
    private final Runnable stop;

    /** Makes one instance's entry point from its model: an actor's mailbox, or the carrier itself. */
    private interface Install {
        Consumer<CarrierMessage> install(Channel channel, int index, CarrierModel model);
    }

    private Carriers(Map<Channel, CarrierSpec> specs, long seed, SimClock clock, Install install, Runnable stop) {
        this.clock = clock;
        this.stop = stop;
        Map<Channel, CarrierSpec> all = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            CarrierSpec spec = CarrierSpecs.specFor(specs, channel);
            all.put(channel, spec);
            @SuppressWarnings("unchecked")
            Consumer<CarrierMessage>[] entries = new Consumer[spec.instances()];
            CarrierModel[] ms = new CarrierModel[spec.instances()];
            for (int i = 0; i < entries.length; i++) {
                ms[i] = new CarrierModel(channel, spec, seed, i);
                entries[i] = install.install(channel, i, ms[i]);
            }
            instances.put(channel, entries);
            models.put(channel, ms);
        }
        this.specs = Collections.unmodifiableMap(all);
    }

    /** Starts the carriers as actors in their own actor system (made with {@link CarrierSystem#config()}), closed with them. */
    public static Carriers start(Map<Channel, CarrierSpec> specs, long seed, SimClock clock, Handsets handsets,
                                 DeliveryEvents events) {
        ActorSystem system = CarrierSystem.create("otpsim-carriers");
        CarrierTimer timer = new CarrierTimer();
        return new Carriers(specs, seed, clock, actors(system, clock, handsets, events, new ArrayList<>(), timer),
                () -> {
                    timer.close();
                    terminate(system);
                });
    }

    /**
     * Starts the carriers as actors in an existing actor system (it should use
     * {@link CarrierSystem#SETTINGS}' 1 ms ticks); {@link #close()} stops the carriers, not the system.
     */
    public static Carriers start(ActorSystem system, Map<Channel, CarrierSpec> specs, long seed, SimClock clock,
                                 Handsets handsets, DeliveryEvents events) {
        List<ActorRef> refs = new ArrayList<>();
        return new Carriers(specs, seed, clock, actors(system, clock, handsets, events, refs, null),
                () -> refs.forEach(ref -> ref.tell(PoisonPill.getInstance(), ActorRef.noSender())));
    }

    /**
     * Carriers as plain objects on a scheduler — the virtual-time engine's event loop. Nothing
     * runs in the background; {@link #submit} decides at once and schedules the deliveries.
     */
    public static Carriers inline(Map<Channel, CarrierSpec> specs, long seed, SimScheduler time, Handsets handsets,
                                  DeliveryEvents events) {
        return new Carriers(specs, seed, time, (channel, i, model) -> new Carrier(model, time, handsets, events)::submit,
                () -> { });
    }

    private static Install actors(ActorSystem system, SimClock clock, Handsets handsets, DeliveryEvents events,
                                  List<ActorRef> started, CarrierTimer timer) {
        return (channel, i, model) -> {
            ActorRef ref = system.actorOf(CarrierActor.props(model, clock, handsets, events, timer),
                    "carrier-" + channel.id() + "-" + i);
            started.add(ref);
            return m -> ref.tell(new CarrierActor.Submit(m), ActorRef.noSender());
        };
    }

    /** Hands a message to its channel's carrier. Never blocks. */
    public void submit(CarrierMessage message) {
        Consumer<CarrierMessage>[] entries = instances.get(message.channel());
        Consumer<CarrierMessage> entry = entries.length == 1 ? entries[0]
                : entries[Math.floorMod(message.to().hashCode(), entries.length)];
        entry.accept(message);
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
        stop.run();
    }

    private static void terminate(ActorSystem system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Terminating is best effort at shutdown; nothing useful to tell the user.
        }
    }
}
