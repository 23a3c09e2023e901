package dev.otpsim.clock;

import java.util.Arrays;

/**
 * Virtual time: a single-threaded discrete-event loop. {@link #nowMillis()} is the time of the
 * event being run; {@link #run()} takes events in (time, scheduling order) and jumps the clock to
 * each, so a 30-minute lockout costs nothing and the same events always run in the same order.
 *
 * <pre>{@code
 * VirtualScheduler time = new VirtualScheduler();
 * time.at(0, () -> arrival(1));
 * time.run();                          // until no event is left
 * }</pre>
 *
 * <p>The event list is a binary heap of parallel primitive arrays (times, sequence numbers, slots);
 * the actions sit still in a pool of slots, so sifting moves only numbers. Moving references
 * instead cost a garbage-collector write barrier per level of the heap, per event — most of the
 * loop's own time. No object per event beyond the action itself. Not thread-safe: everything it
 * runs runs on the caller's thread.
 */
public final class VirtualScheduler implements SimScheduler {
    private long now;
    private long seq;
    private int size;
    private long[] times = new long[1024];
    private long[] seqs = new long[1024];
    private int[] slots = new int[1024];
    // The actions, by slot; free slots are stacked in 'free'.
    private Runnable[] actions = new Runnable[1024];
    private int[] free = new int[1024];
    private int freeCount;
    private int slotsUsed;
    private long eventsRun;

    @Override
    public long nowMillis() {
        return now;
    }

    /** No real time passes in virtual time. */
    @Override
    public double timeScale() {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public void at(long atMillis, Runnable action) {
        if (size == times.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            seqs = Arrays.copyOf(seqs, n);
            slots = Arrays.copyOf(slots, n);
            actions = Arrays.copyOf(actions, n);
            free = Arrays.copyOf(free, n);
        }
        int slot = freeCount > 0 ? free[--freeCount] : slotsUsed++;
        actions[slot] = action;
        long t = Math.max(atMillis, now);
        long s = seq++;
        int i = size++;
        // sift up
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(t, s, times[parent], seqs[parent])) {
                break;
            }
            times[i] = times[parent];
            seqs[i] = seqs[parent];
            slots[i] = slots[parent];
            i = parent;
        }
        times[i] = t;
        seqs[i] = s;
        slots[i] = slot;
    }

    /** Runs every event, including those the events schedule, until none is left. */
    public void run() {
        runUntil(Long.MAX_VALUE);
    }

    /**
     * Runs the events due at or before {@code endMillis}, then leaves the clock at {@code endMillis}
     * (or at the last event's time when {@code endMillis} is {@link Long#MAX_VALUE}).
     */
    public void runUntil(long endMillis) {
        while (size > 0 && times[0] <= endMillis) {
            now = times[0];
            int slot = slots[0];
            Runnable action = actions[slot];
            actions[slot] = null;
            free[freeCount++] = slot;
            removeHead();
            eventsRun++;
            action.run();
        }
        if (endMillis != Long.MAX_VALUE && endMillis > now) {
            now = endMillis;
        }
    }

    /** Events waiting to run. */
    public int pending() {
        return size;
    }

    /** Time of the next event, or {@link Long#MAX_VALUE} when none is left. */
    public long nextEventMillis() {
        return size == 0 ? Long.MAX_VALUE : times[0];
    }

    /** Events run so far (for benchmarks). */
    public long eventsRun() {
        return eventsRun;
    }

    private void removeHead() {
        int last = --size;
        long t = times[last];
        long s = seqs[last];
        int a = slots[last];
        if (last == 0) {
            return;
        }
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < last && before(times[right], seqs[right], times[child], seqs[child])) {
                child = right;
            }
            if (!before(times[child], seqs[child], t, s)) {
                break;
            }
            times[i] = times[child];
            seqs[i] = seqs[child];
            slots[i] = slots[child];
            i = child;
        }
        times[i] = t;
        seqs[i] = s;
        slots[i] = a;
    }

    private static boolean before(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }
}
