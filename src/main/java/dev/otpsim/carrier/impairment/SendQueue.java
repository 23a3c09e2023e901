package dev.otpsim.carrier.impairment;

import java.util.Arrays;

/**
 * The carrier's send queue: messages waiting to leave the carrier, each with the simulated time
 * it leaves. It serves two readers: the carrier, which asks how many messages will still be
 * waiting when a new one joins (to apply the queue limit), and the metrics, which read the
 * current backlog from another thread. Hence the lock; it is held for a few array operations.
 *
 * <p>Departure times are kept non-decreasing (the queue is FIFO), which makes "how many are
 * still waiting at t" a binary search, and pruning the departed a walk from the head.
 *
 * <pre>{@code
 * SendQueue q = new SendQueue();
 * int waiting = q.waitingAt(arrivalMillis);   // before joining
 * q.add(departureMillis);
 * int backlog = q.backlogAt(clock.nowMillis()); // from any thread
 * }</pre>
 */
public final class SendQueue {
    // Ring buffer of departure times, head..head+size-1.
    private long[] departures = new long[16];
    private int head;
    private int size;

    /** Adds a message leaving at {@code departureMillis} (raised to the last departure if earlier). */
    public synchronized void add(long departureMillis) {
        if (size == departures.length) {
            grow();
        }
        if (size > 0) {
            departureMillis = Math.max(departureMillis, departures[index(size - 1)]);
        }
        departures[index(size)] = departureMillis;
        size++;
    }

    /** Forgets messages that left at or before {@code nowMillis}; returns how many remain. */
    public synchronized int backlogAt(long nowMillis) {
        while (size > 0 && departures[head] <= nowMillis) {
            head = (head + 1) % departures.length;
            size--;
        }
        return size;
    }

    /** Messages still waiting at {@code atMillis}, which may be in the future; forgets nothing. */
    public synchronized int waitingAt(long atMillis) {
        // First index whose departure is after atMillis: everything from there on still waits.
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (departures[index(mid)] <= atMillis) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return size - lo;
    }

    private int index(int i) {
        return (head + i) % departures.length;
    }

    private void grow() {
        long[] bigger = new long[departures.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = departures[index(i)];
        }
        departures = bigger;
        head = 0;
    }

    @Override
    public synchronized String toString() {
        long[] copy = new long[size];
        for (int i = 0; i < size; i++) {
            copy[i] = departures[index(i)];
        }
        return "SendQueue" + Arrays.toString(copy);
    }
}
