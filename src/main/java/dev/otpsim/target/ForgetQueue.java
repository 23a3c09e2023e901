package dev.otpsim.target;

import java.util.Arrays;
import java.util.List;

/**
 * People in the order the service may forget them: a binary heap on time, kept in parallel
 * arrays so that sifting compares longs in one array instead of following a pointer per entry.
 * Not thread-safe: {@link OtpService} guards it.
 *
 * <pre>{@code
 * queue.add(forgettableAtMs, "u-17", state);
 * queue.takeDue(nowMillis, users, states);   // every entry due by now, earliest first
 * }</pre>
 */
final class ForgetQueue {
    private long[] times = new long[256];
    private String[] users = new String[256];
    private PersonState[] states = new PersonState[256];
    private int size;

    int size() {
        return size;
    }

    void add(long atMs, String user, PersonState state) {
        if (size == times.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            users = Arrays.copyOf(users, n);
            states = Arrays.copyOf(states, n);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (times[parent] <= atMs) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, atMs, user, state);
    }

    /** Removes every entry due at or before {@code nowMs}, appending it to the lists with its time. */
    void takeDue(long nowMs, List<Long> dueTimes, List<String> dueUsers, List<PersonState> dueStates) {
        while (size > 0 && times[0] <= nowMs) {
            dueTimes.add(times[0]);
            dueUsers.add(users[0]);
            dueStates.add(states[0]);
            removeHead();
        }
    }

    private void removeHead() {
        int last = --size;
        long t = times[last];
        String u = users[last];
        PersonState s = states[last];
        users[last] = null;
        states[last] = null;
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
            move(child, i);
            i = child;
        }
        set(i, t, u, s);
    }

    private void move(int from, int to) {
        times[to] = times[from];
        users[to] = users[from];
        states[to] = states[from];
    }

    private void set(int i, long t, String u, PersonState s) {
        times[i] = t;
        users[i] = u;
        states[i] = s;
    }
}
