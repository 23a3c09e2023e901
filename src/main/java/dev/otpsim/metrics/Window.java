package dev.otpsim.metrics;

import java.util.concurrent.atomic.LongAdder;

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
    // Set when the window closes.
    final int[] backlog = new int[3];
    final long[] deliveryP95 = new long[3];

    Window(long startMillis, long endMillis) {
        this.startMillis = startMillis;
        this.endMillis = endMillis;
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
