package dev.otpsim.target;

import java.util.Arrays;
import java.util.List;

/**
 * People in the order the service may forget them: a binary heap on time over primitive arrays.
 * The people themselves sit still in a pool of slots, so sifting moves only numbers (moving
 * references would cost a garbage-collector write barrier per level). Not thread-safe:
 * {@link OtpService} guards it.
 *
 * <pre>{@code
 * queue.add(forgettableAtMs, "u-17", state);
 * queue.takeDue(nowMillis, times, users, states);   // every entry due by now, earliest first
 * }</pre>
 */
final class ForgetQueue {
    private long[] times = new long[256];
    private int[] slots = new int[256];
    private String[] users = new String[256];
    private PersonState[] states = new PersonState[256];
    private int[] free = new int[256];
    private int freeCount;
    private int slotsUsed;
    private int size;

    int size() {
        return size;
    }

    void add(long atMs, String user, PersonState state) {
        if (size == times.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            slots = Arrays.copyOf(slots, n);
            users = Arrays.copyOf(users, n);
            states = Arrays.copyOf(states, n);
            free = Arrays.copyOf(free, n);
        }
        int slot = freeCount > 0 ? free[--freeCount] : slotsUsed++;
        users[slot] = user;
        states[slot] = state;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (times[parent] <= atMs) {
                break;
            }
            times[i] = times[parent];
            slots[i] = slots[parent];
            i = parent;
        }
        times[i] = atMs;
        slots[i] = slot;
    }

    /** Removes every entry due at or before {@code nowMs}, appending it to the lists with its time. */
    void takeDue(long nowMs, List<Long> dueTimes, List<String> dueUsers, List<PersonState> dueStates) {
        while (size > 0 && times[0] <= nowMs) {
            int slot = slots[0];
            dueTimes.add(times[0]);
            dueUsers.add(users[slot]);
            dueStates.add(states[slot]);
            users[slot] = null;
            states[slot] = null;
            free[freeCount++] = slot;
            removeHead();
        }
    }

    private void removeHead() {
        int last = --size;
        long t = times[last];
        int slot = slots[last];
        if (last == 0) {
            return;
        }
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < last && times[right] < times[child]) {
                child = right;
            }
            if (times[child] >= t) {
                break;
            }
            times[i] = times[child];
            slots[i] = slots[child];
            i = child;
        }
        times[i] = t;
        slots[i] = slot;
    }
}
