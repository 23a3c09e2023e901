package dev.otpsim.carrier;

import dev.otpsim.carrier.impairment.Capacity;
import dev.otpsim.carrier.impairment.Delay;
import dev.otpsim.carrier.impairment.Duplicate;
import dev.otpsim.carrier.impairment.GilbertElliottLoss;
import dev.otpsim.carrier.impairment.Impairment;
import dev.otpsim.carrier.impairment.Loss;
import dev.otpsim.carrier.impairment.MessageLoss;
import dev.otpsim.carrier.impairment.Mix;
import dev.otpsim.carrier.impairment.Outage;
import dev.otpsim.carrier.impairment.Reorder;
import dev.otpsim.carrier.impairment.SendQueue;
import dev.otpsim.carrier.impairment.Unreachable;
import dev.otpsim.handset.Channel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One carrier's decisions, in plain Java: no clock, no actor, no I/O. Given the messages in the
 * order the carrier receives them, it returns the same {@link Decision}s for the same seed.
 *
 * <p>A message goes through the impairments in this fixed order:
 * <ol>
 *   <li><b>outage</b> — handed over inside a {@code drop} window: lost ({@link LossReason#OUTAGE});
 *       inside a {@code hold} window: it waits for the window's end, with everything else held;</li>
 *   <li><b>capacity</b> — it joins the FIFO send queue when released; if {@code queue-limit}
 *       messages are still waiting then, it is lost ({@link LossReason#QUEUE_FULL}); otherwise it
 *       leaves at max(release, previous departure) + 1/rate;</li>
 *   <li><b>loss</b> — independent or Gilbert–Elliott ({@link LossReason#LOSS});</li>
 *   <li><b>delay</b> — transit time after leaving the carrier;</li>
 *   <li><b>reorder</b> — an occasional extra hold-back;</li>
 *   <li><b>duplicate</b> — an occasional second copy, some time after the first;</li>
 *   <li><b>unreachable</b> — a copy reaching a handset that is out of coverage waits until
 *       coverage returns (store-and-forward); if that is later than issue + validity, the
 *       carrier discards the message ({@link LossReason#EXPIRED_UNREACHABLE}). A duplicate that
 *       would expire is simply not sent.</li>
 * </ol>
 * A held outage burst therefore also goes through the capacity queue: a congested carrier takes
 * time to drain it, as real ones do.
 *
 * <p>Every random draw comes from one {@link SplittableRandom} seeded from (run seed, channel,
 * instance) and is taken in message order. Not thread-safe: one model serves one carrier actor.
 * {@link #backlogAt(long)} alone may be called from any thread.
 *
 * <pre>{@code
 * CarrierModel sms = new CarrierModel(Channel.SMS, spec, runSeed, 0);
 * Decision d = sms.decide(message);        // arrival = message.issuedAtMillis()
 * if (!d.isLost()) schedule(d.visibleAtMillis());
 * int backlog = sms.backlogAt(clock.nowMillis());
 * }</pre>
 */
public final class CarrierModel {
    private final Channel channel;
    private final long runSeed;
    private final SplittableRandom rng;

    private final List<Outage> outages = new ArrayList<>();
    private final Capacity capacity;
    private final MessageLoss loss;
    private final Delay delay;
    private final Reorder reorder;
    private final Duplicate duplicate;
    private final Unreachable unreachable;
    // Messages not yet gone from the carrier (held in an outage or in the capacity queue).
    private final SendQueue sendQueue;
    // Departure of the previous message in exact (fractional) ms, so 1/rate does not drift by rounding.
    private double lastDepartureMillis = Double.NEGATIVE_INFINITY;

    /**
     * @param channel  the channel this carrier serves
     * @param spec     its impairments
     * @param runSeed  the run's seed
     * @param instance which of the channel's {@code spec.instances()} instances this is (0-based)
     */
    public CarrierModel(Channel channel, CarrierSpec spec, long runSeed, int instance) {
        this.channel = channel;
        this.runSeed = runSeed;
        this.rng = new SplittableRandom(seedFor(runSeed, channel, instance));
        Capacity cap = null;
        MessageLoss lossModel = null;
        Delay d = null;
        Reorder re = null;
        Duplicate dup = null;
        Unreachable un = null;
        for (Impairment i : spec.impairments()) {
            // Java 17 has no pattern switch; the sealed interface keeps this list complete.
            if (i instanceof Outage o) {
                outages.add(o);
            } else if (i instanceof Capacity c) {
                cap = c.shareOf(spec.instances());
            } else if (i instanceof Loss l) {
                lossModel = l;
            } else if (i instanceof GilbertElliottLoss ge) {
                lossModel = ge.newChannel();
            } else if (i instanceof Delay x) {
                d = x;
            } else if (i instanceof Reorder r) {
                re = r;
            } else if (i instanceof Duplicate x) {
                dup = x;
            } else if (i instanceof Unreachable u) {
                un = u;
            }
        }
        outages.sort(Comparator.comparingLong(Outage::startMillis));
        this.capacity = cap;
        this.loss = lossModel;
        this.delay = d;
        this.reorder = re;
        this.duplicate = dup;
        this.unreachable = un;
        boolean queues = cap != null || outages.stream().anyMatch(o -> o.mode() == Outage.Mode.HOLD);
        this.sendQueue = queues ? new SendQueue() : null;
    }

    /** The generator seed of one carrier instance: independent streams per channel and instance. */
    static long seedFor(long runSeed, Channel channel, int instance) {
        return Mix.mix64(runSeed ^ Mix.mix64(channel.id().hashCode() * 31L + instance + 1));
    }

    public Channel channel() {
        return channel;
    }

    /** Decides the fate of the next message, handed to the carrier at its issue time. */
    public Decision decide(CarrierMessage m) {
        long arrival = m.issuedAtMillis();

        // 1. outage
        long release = arrival;
        for (Outage o : outages) {
            if (o.covers(release)) {
                if (o.mode() == Outage.Mode.DROP) {
                    return Decision.lost(m, LossReason.OUTAGE, arrival);
                }
                release = o.endMillis(); // sorted: a window chained right after is checked next
            }
        }

        // 2. capacity (and the hold queue)
        long departure = release;
        if (sendQueue != null) {
            sendQueue.backlogAt(arrival); // forget what has left by now
            if (capacity != null) {
                if (sendQueue.waitingAt(release) >= capacity.queueLimit()) {
                    return Decision.lost(m, LossReason.QUEUE_FULL, release);
                }
                double starts = Math.max(release, lastDepartureMillis);
                double leaves = starts + capacity.serviceMillisAt(starts);
                lastDepartureMillis = leaves;
                departure = (long) Math.ceil(leaves);
            }
            if (departure > arrival) {
                sendQueue.add(departure);
            }
        }

        // 3. loss
        if (loss != null && loss.lose(rng)) {
            return Decision.lost(m, LossReason.LOSS, departure);
        }

        // 4. delay, 5. reorder hold-back
        long visible = departure;
        if (delay != null) {
            visible += delay.sampleMillis(rng);
        }
        if (reorder != null) {
            visible += reorder.holdBackMillis(rng);
        }

        // 6. duplicate
        long copy = Decision.NO_DUPLICATE;
        if (duplicate != null) {
            long extra = duplicate.extraMillis(rng);
            if (extra != Duplicate.NONE) {
                copy = visible + extra;
            }
        }

        // 7. unreachable handset: store and forward, within the validity period
        if (unreachable != null && unreachable.affects(m.to(), runSeed)) {
            long expiresAt = m.issuedAtMillis() + unreachable.validityMillis();
            if (unreachable.outOfCoverageAt(visible)) {
                if (unreachable.backInCoverageMillis() > expiresAt) {
                    return Decision.lost(m, LossReason.EXPIRED_UNREACHABLE, expiresAt);
                }
                visible = unreachable.backInCoverageMillis();
            }
            if (copy != Decision.NO_DUPLICATE && unreachable.outOfCoverageAt(copy)) {
                copy = unreachable.backInCoverageMillis() > expiresAt
                        ? Decision.NO_DUPLICATE : unreachable.backInCoverageMillis();
            }
        }
        return Decision.delivered(m, visible, copy);
    }

    /**
     * Messages handed to this carrier and not yet gone from it at {@code nowMillis}: held by an
     * outage or waiting in the capacity queue. Safe to call from any thread.
     */
    public int backlogAt(long nowMillis) {
        return sendQueue == null ? 0 : sendQueue.backlogAt(nowMillis);
    }
}
