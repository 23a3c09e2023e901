package dev.otpsim.clock;

import java.util.Arrays;

/**
 * Items in the order of their time, and of their adding among equal times: the event list of
 * {@link VirtualScheduler} and the order in which the reference target may forget people.
 *
 * <pre>{@code
 * TimeQueue<Runnable> q = new TimeQueue<>(1024);
 * q.add(30, b);
 * q.add(10, a);
 * while (q.nextTime() <= until) {
 *     long at = q.nextTime();
 *     q.poll().run();                  // a at 10, then b at 30
 * }
 * }</pre>
 *
 * <p>A binary heap of parallel primitive arrays (times, adding order, slots); the items sit still
 * in a pool of slots, so sifting moves only numbers. Moving references instead cost a
 * garbage-collector write barrier per level of the heap, per event — most of the virtual loop's
 * own time when it was measured. No object per item. Not thread-safe.
 *
 * @param <T> what is queued
 */
public final class TimeQueue<T> {
    private long order;
    private int size;
    private long[] times;
    private long[] orders;
    private int[] slots;
    // The items, by slot; free slots are stacked in 'free'.
    private Object[] items;
    private int[] free;
    private int freeCount;
    private int slotsUsed;

    /** @param capacity how many items fit before the arrays grow (they double when full) */
    public TimeQueue(int capacity) {
        int n = Math.max(1, capacity);
        times = new long[n];
        orders = new long[n];
        slots = new int[n];
        items = new Object[n];
        free = new int[n];
    }

    /** Queues {@code item} at {@code atMillis}, after every item already queued at that time. */
    public void add(long atMillis, T item) {
        if (size == times.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            orders = Arrays.copyOf(orders, n);
            slots = Arrays.copyOf(slots, n);
            items = Arrays.copyOf(items, n);
            free = Arrays.copyOf(free, n);
        }
        int slot = freeCount > 0 ? free[--freeCount] : slotsUsed++;
        items[slot] = item;
        long o = order++;
        int i = size++;
        while (i > 0) { // sift up
            int parent = (i - 1) >>> 1;
            if (!before(atMillis, o, times[parent], orders[parent])) {
                break;
            }
            times[i] = times[parent];
            orders[i] = orders[parent];
            slots[i] = slots[parent];
            i = parent;
        }
        times[i] = atMillis;
        orders[i] = o;
        slots[i] = slot;
    }

    /** The time of the first item, or {@link Long#MAX_VALUE} when the queue is empty. */
    public long nextTime() {
        return size == 0 ? Long.MAX_VALUE : times[0];
    }

    /** Removes and returns the first item; null when the queue is empty. */
    @SuppressWarnings("unchecked")
    public T poll() {
        if (size == 0) {
            return null;
        }
        int slot = slots[0];
        T item = (T) items[slot];
        items[slot] = null;
        free[freeCount++] = slot;
        removeHead();
        return item;
    }

    /** Items queued. */
    public int size() {
        return size;
    }

    private void removeHead() {
        int last = --size;
        long t = times[last];
        long o = orders[last];
        int a = slots[last];
        if (last == 0) {
            return;
        }
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < last && before(times[right], orders[right], times[child], orders[child])) {
                child = right;
            }
            if (!before(times[child], orders[child], t, o)) {
                break;
            }
            times[i] = times[child];
            orders[i] = orders[child];
            slots[i] = slots[child];
            i = child;
        }
        times[i] = t;
        orders[i] = o;
        slots[i] = a;
    }

    private static boolean before(long t1, long o1, long t2, long o2) {
        return t1 < t2 || (t1 == t2 && o1 < o2);
    }
}
