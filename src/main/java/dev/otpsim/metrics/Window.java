package dev.otpsim.metrics;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Counters of one metrics window (simulated time), filled concurrently, read once closed. */
final class Window {
    final long startMillis;
    final long endMillis;
    final LongAdder journeysStarted = new LongAdder();
    final LongAdder journeysEnded = new LongAdder();
    final LongAdder successes = new LongAdder();
    final LongAdder sends = new LongAdder();
    final LongAdder firstSends = new LongAdder();
    final LongAdder submissions = new LongAdder();
    final LongAdder staleSubmissions = new LongAdder();
    final LongAdder lockouts = new LongAdder();
    final LongAdder[] delivered = {new LongAdder(), new LongAdder(), new LongAdder()};
    /** Delivery latency of messages that became visible in this window, per channel; freed once closed. */
    private final AtomicReferenceArray<Histogram> delivery = new AtomicReferenceArray<>(3);
    // Set when the window closes.
    final int[] backlog = new int[3];
    final long[] deliveryP95 = new long[3];

    Window(long startMillis, long endMillis) {
        this.startMillis = startMillis;
        this.endMillis = endMillis;
    }

    void recordDelivery(int channel, long latencyMillis) {
        Histogram h = delivery.get(channel);
        if (h == null) {
            // Two significant digits are plenty for a per-window p95, and keep each window small.
            delivery.compareAndSet(channel, null, new ConcurrentHistogram(2));
            h = delivery.get(channel);
        }
        h.recordValue(latencyMillis);
    }

    /** p95 of this window's deliveries on {@code channel} (0 when none), then frees the histogram. */
    long takeDeliveryP95(int channel) {
        Histogram h = delivery.getAndSet(channel, null);
        return h == null || h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(95);
    }

    long retrySends() {
        return sends.sum() - firstSends.sum();
    }

    double retryRatio() {
        long s = sends.sum();
        return s == 0 ? 0.0 : (double) retrySends() / s;
    }

    int totalBacklog() {
        return backlog[0] + backlog[1] + backlog[2];
    }

    long maxDeliveryP95() {
        return Math.max(deliveryP95[0], Math.max(deliveryP95[1], deliveryP95[2]));
    }
}
