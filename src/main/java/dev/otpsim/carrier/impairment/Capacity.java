package dev.otpsim.carrier.impairment;

import dev.otpsim.distribution.Durations;
import java.util.List;

/**
 * A throughput cap: the carrier sends {@code rate} messages per simulated second, first in first
 * out, and refuses new messages (drop-tail) while {@code queue-limit} messages wait. Congestion
 * delay is not configured: it emerges from the offered load.
 *
 * <p>A capacity drop (the provider throttles the sender, a link degrades) lowers the rate for a
 * window of simulated time: the trigger of a congestion retry storm, which may outlive it.
 *
 * <pre>
 * capacity { rate = 10, queue-limit = 2000 }   # messages per simulated second
 * capacity { rate = 20, queue-limit = 5000, drops = [ { start = 2m, end = 6m, rate = 2 } ] }
 * </pre>
 *
 * @param ratePerSecond messages sent per simulated second
 * @param queueLimit    most messages waiting or in service at once
 * @param drops         windows with a lower rate, not overlapping
 */
public record Capacity(double ratePerSecond, int queueLimit, List<Drop> drops) implements Impairment {
    public static final String KEY = "capacity";

    /** From {@code startMillis} to {@code endMillis} (simulated) the carrier sends only {@code ratePerSecond}. */
    public record Drop(long startMillis, long endMillis, double ratePerSecond) {
        public Drop {
            if (startMillis < 0 || endMillis <= startMillis) {
                throw new IllegalArgumentException("a capacity drop needs 0 <= start < end, got " + startMillis + ".."
                        + endMillis);
            }
            if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
                throw new IllegalArgumentException("drop rate must be positive, got " + ratePerSecond);
            }
        }
    }

    /** A constant cap with no drops. */
    public Capacity(double ratePerSecond, int queueLimit) {
        this(ratePerSecond, queueLimit, List.of());
    }

    public Capacity {
        drops = List.copyOf(drops);
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond);
        }
        if (queueLimit < 1) {
            throw new IllegalArgumentException("queue-limit must be at least 1, got " + queueLimit);
        }
    }

    /** Simulated ms to send one message at the normal rate. */
    public double serviceMillis() {
        return 1000.0 / ratePerSecond;
    }

    /** Simulated ms to send one message whose sending starts at {@code atMillis} (a drop may be in force). */
    public double serviceMillisAt(double atMillis) {
        for (Drop d : drops) {
            if (atMillis >= d.startMillis() && atMillis < d.endMillis()) {
                return 1000.0 / d.ratePerSecond();
            }
        }
        return serviceMillis();
    }

    /**
     * This cap shared among {@code instances} parallel carrier instances (like several SMPP binds):
     * each gets its share of the rate and of the queue, so the channel's total is unchanged.
     */
    public Capacity shareOf(int instances) {
        if (instances == 1) {
            return this;
        }
        List<Drop> shared = drops.stream()
                .map(d -> new Drop(d.startMillis(), d.endMillis(), d.ratePerSecond() / instances)).toList();
        return new Capacity(ratePerSecond / instances, Math.max(1, (queueLimit + instances - 1) / instances), shared);
    }

    @Override
    public Step step() {
        return Step.CAPACITY;
    }

    @Override
    public Stage newStage(StageContext carrier) {
        Capacity share = shareOf(carrier.instances());
        SendQueue queue = carrier.sendQueue();
        return new Stage() {
            // Departure of the previous message in exact (fractional) ms, so 1/rate does not drift by rounding.
            private double lastDeparture = Double.NEGATIVE_INFINITY;

            @Override
            public void apply(Transit m, java.util.random.RandomGenerator draws) {
                if (queue.waitingAt(m.release) >= share.queueLimit()) {
                    m.lose(LossReason.QUEUE_FULL, m.release);
                    return;
                }
                double starts = Math.max(m.release, lastDeparture);
                double leaves = starts + share.serviceMillisAt(starts);
                lastDeparture = leaves;
                m.leaveAt((long) Math.ceil(leaves));
            }
        };
    }

    @Override
    public java.util.List<FaultWindow> windows() {
        return drops.stream().map(d -> new FaultWindow("capacity-drop", d.startMillis(), d.endMillis())).toList();
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String describe() {
        String base = "capacity " + ratePerSecond + " msg/s, queue-limit " + queueLimit;
        for (Drop d : drops) {
            base += ", drops to " + d.ratePerSecond() + " msg/s " + Durations.show(d.startMillis()) + ".."
                    + Durations.show(d.endMillis());
        }
        return base;
    }
}
