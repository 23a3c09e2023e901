package dev.otpsim.target;

import java.util.Arrays;

/**
 * The times of one person's recent sends, for {@code max-sends} per sliding window.
 *
 * <p>A send at {@code t} counts while {@code now < t + window}. The array starts tiny and grows
 * only up to {@code max-sends}, so a person who sends once costs a few bytes whatever the limit.
 * Not thread-safe: guarded by the person's lock.
 */
final class SendWindow {
    private long[] times = new long[2];
    private int start;
    private int size;

    /** Forgets sends that left the window ending at {@code now}. */
    void slide(long now, long windowMs) {
        while (size > 0 && times[start] + windowMs <= now) {
            start = (start + 1) % times.length;
            size--;
        }
    }

    int size() {
        return size;
    }

    /** The oldest send still in the window; only when {@link #size()} &gt; 0. */
    long oldest() {
        return times[start];
    }

    void add(long at) {
        if (size == times.length) {
            long[] grown = new long[times.length * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = times[(start + i) % times.length];
            }
            times = grown;
            start = 0;
        }
        times[(start + size) % times.length] = at;
        size++;
    }

    @Override
    public String toString() {
        long[] inOrder = new long[size];
        for (int i = 0; i < size; i++) {
            inOrder[i] = times[(start + i) % times.length];
        }
        return Arrays.toString(inOrder);
    }
}
