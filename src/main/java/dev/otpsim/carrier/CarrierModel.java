package dev.otpsim.carrier;

import dev.otpsim.carrier.impairment.Impairment;
import dev.otpsim.carrier.impairment.SendQueue;
import dev.otpsim.carrier.impairment.Stage;
import dev.otpsim.carrier.impairment.StageContext;
import dev.otpsim.carrier.impairment.Step;
import dev.otpsim.carrier.impairment.Transit;
import dev.otpsim.distribution.Mix;
import dev.otpsim.distribution.RandomStream;
import dev.otpsim.handset.Channel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One carrier's decisions, in plain Java: no clock, no actor, no I/O. Given the messages in the
 * order the carrier receives them, it returns the same {@link Decision}s for the same seed.
 *
 * <p>A message goes through the carrier's fault {@link Stage}s in the fixed order of {@link Step}
 * (outage → capacity → loss → delay → reorder → duplicate → unreachable); a stage that loses it
 * ends its journey. Messages held by an outage or waiting in the capacity queue form the
 * carrier's backlog.
 *
 * <p><b>Draws.</b> Each stage draws from its own stream keyed by (run seed, channel, recipient,
 * k-th message to that recipient, stage): the third message to u-17 gets the same delay in every
 * variant of a comparison, whatever other people did (common random numbers). Only state a fault
 * carries between messages (the Gilbert–Elliott channel, the queue) depends on message order.
 * Not thread-safe: one model serves one carrier. {@link #backlogAt(long)} alone may be called
 * from any thread.
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
    private final Stage[] stages;
    private final Step[] steps;
    // Messages not yet gone from the carrier (held in an outage or in the capacity queue).
    private final SendQueue sendQueue;
    private final Transit transit = new Transit();
    private final RandomStream draws = RandomStream.ofKey(0);

    /**
     * @param channel  the channel this carrier serves
     * @param spec     its impairments
     * @param runSeed  the run's seed
     * @param instance which of the channel's {@code spec.instances()} instances this is (0-based)
     */
    public CarrierModel(Channel channel, CarrierSpec spec, long runSeed, int instance) {
        this.channel = channel;
        this.runSeed = runSeed;
        List<Impairment> faults = new ArrayList<>(spec.impairments());
        faults.sort(Comparator.comparing(Impairment::step).thenComparingLong(Impairment::orderWithinStep));
        boolean queues = faults.stream().anyMatch(f -> f.step() == Step.CAPACITY || f.step() == Step.OUTAGE);
        this.sendQueue = queues ? new SendQueue() : null;
        StageContext context = new StageContext(runSeed, spec.instances(), sendQueue);
        this.stages = new Stage[faults.size()];
        this.steps = new Step[faults.size()];
        for (int i = 0; i < stages.length; i++) {
            stages[i] = faults.get(i).newStage(context);
            steps[i] = faults.get(i).step();
        }
    }

    public Channel channel() {
        return channel;
    }

    /** Decides the fate of the next message, handed to the carrier at its issue time. */
    public Decision decide(CarrierMessage m) {
        Transit t = transit.begin(m.to(), m.issuedAtMillis());
        if (sendQueue != null) {
            sendQueue.backlogAt(t.arrivalMillis()); // forget what has left by now
        }
        long messageKey = RandomStream.key(runSeed, RandomStream.hash(m.to()) * 31 + channel.ordinal(), m.nth());
        boolean queued = sendQueue == null;
        for (int i = 0; i < stages.length && !t.isLost(); i++) {
            if (!queued && steps[i].compareTo(Step.CAPACITY) > 0) {
                joinQueue(t);
                queued = true;
            }
            stages[i].apply(t, draws.reset(Mix.mix64(messageKey + steps[i].ordinal())));
        }
        if (t.isLost()) {
            return Decision.lost(m, t.lossReason(), t.lostAtMillis());
        }
        if (!queued) {
            joinQueue(t);
        }
        long copy = t.copyAtMillis() == Transit.NO_COPY ? Decision.NO_DUPLICATE : t.copyAtMillis();
        return Decision.delivered(m, t.visibleAtMillis(), copy);
    }

    /** A message that waits (outage hold, capacity queue) counts in the backlog until it leaves. */
    private void joinQueue(Transit t) {
        if (t.departureMillis() > t.arrivalMillis()) {
            sendQueue.add(t.departureMillis());
        }
    }

    /**
     * Messages handed to this carrier and not yet gone from it at {@code nowMillis}: held by an
     * outage or waiting in the capacity queue. Safe to call from any thread.
     */
    public int backlogAt(long nowMillis) {
        return sendQueue == null ? 0 : sendQueue.backlogAt(nowMillis);
    }
}
