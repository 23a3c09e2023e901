package dev.otpsim.carrier.impairment;

/**
 * A throughput cap: the carrier sends {@code rate} messages per simulated second, first in first
 * out, and refuses new messages (drop-tail) while {@code queue-limit} messages wait. Congestion
 * delay is not configured: it emerges from the offered load.
 *
 * <pre>
 * capacity { rate = 10, queue-limit = 2000 }   # messages per simulated second
 * </pre>
 *
 * @param ratePerSecond messages sent per simulated second
 * @param queueLimit    most messages waiting or in service at once
 */
public record Capacity(double ratePerSecond, int queueLimit) implements Impairment {
    public static final String KEY = "capacity";

    public Capacity {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond);
        }
        if (queueLimit < 1) {
            throw new IllegalArgumentException("queue-limit must be at least 1, got " + queueLimit);
        }
    }

    /** Simulated ms to send one message. */
    public double serviceMillis() {
        return 1000.0 / ratePerSecond;
    }

    /**
     * This cap shared among {@code instances} parallel carrier instances (like several SMPP binds):
     * each gets its share of the rate and of the queue, so the channel's total is unchanged.
     */
    public Capacity shareOf(int instances) {
        if (instances == 1) {
            return this;
        }
        return new Capacity(ratePerSecond / instances, Math.max(1, (queueLimit + instances - 1) / instances));
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String describe() {
        return "capacity " + ratePerSecond + " msg/s, queue-limit " + queueLimit;
    }
}
