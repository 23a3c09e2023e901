package dev.otpsim.handset;

import java.util.Arrays;
import java.util.List;

/**
 * One simulated person's phone or mailbox: the messages that reached it and when each became
 * visible (simulated ms). Carriers append; the person reads without locking.
 *
 * <pre>{@code
 * Handset phone = handsets.register("u-17");
 * int seen = 0;
 * while (seen < phone.count()) { Handset.Message m = phone.get(seen++); ... }
 * }</pre>
 */
public final class Handset {

    /** A message as the person sees it. */
    public record Message(long messageId, Channel channel, String code, long issuedAtMillis, long visibleAtMillis,
                          boolean duplicate) {
    }

    private final String address;
    // Appended under the lock, published through the volatile count: reads never block.
    private volatile Message[] messages = new Message[2];
    private volatile int count;
    private volatile boolean retired;
    private volatile Runnable onArrival;
    private long messagesAddressed;
    // Copies on their way here (guarded by this): message id and planned visible time, or
    // UNDECIDED while the carrier has not decided yet. Usually 0-2 entries; allocated on first use.
    private long[] expectedIds;
    private long[] expectedAt;
    private int expectedCount;

    /**
     * {@link #nextArrivalMillis()} while a message is on its way but its carrier has not decided
     * when it becomes visible: "look again very soon".
     */
    public static final long UNDECIDED = Long.MIN_VALUE;
    /** {@link #nextArrivalMillis()} when nothing is on its way. */
    public static final long NOTHING_EXPECTED = Long.MAX_VALUE;

    Handset(String address) {
        this.address = address;
    }

    /**
     * Numbers a message addressed to this handset as the gateway accepts it (1, 2, ...): the
     * carrier keys its draws by it, so the k-th message to a person meets the same luck in every
     * variant of a comparison.
     */
    public synchronized long nextMessageNumber() {
        return ++messagesAddressed;
    }

    /**
     * A message to this handset was handed to its carrier (the gateway accepted it): until the
     * carrier decides ({@link #expect}, {@link #notComing}) its arrival time is unknown.
     */
    public synchronized void onItsWay(long messageId) {
        if (!retired) {
            add(messageId, UNDECIDED);
        }
    }

    /**
     * The carrier decided that a copy of {@code messageId} becomes visible at {@code visibleAtMillis}
     * (simulated): a waiting person can sleep until then instead of glancing at the phone.
     * Called once per copy (twice for a duplicated message).
     */
    public synchronized void expect(long messageId, long visibleAtMillis) {
        if (retired) {
            return;
        }
        for (int i = 0; i < expectedCount; i++) {
            if (expectedIds[i] == messageId && expectedAt[i] == UNDECIDED) {
                expectedAt[i] = visibleAtMillis;
                return;
            }
        }
        add(messageId, visibleAtMillis);
    }

    /** The carrier lost {@code messageId}: no copy of it will arrive. */
    public synchronized void notComing(long messageId) {
        int kept = 0;
        for (int i = 0; i < expectedCount; i++) {
            if (expectedIds[i] != messageId) {
                expectedIds[kept] = expectedIds[i];
                expectedAt[kept++] = expectedAt[i];
            }
        }
        expectedCount = kept;
    }

    /**
     * The earliest simulated time a message on its way becomes visible: {@link #UNDECIDED} when a
     * carrier has yet to decide, {@link #NOTHING_EXPECTED} when nothing is on its way. A time in
     * the past means the delivery is late (the carrier's timer has not fired yet).
     */
    public synchronized long nextArrivalMillis() {
        long next = NOTHING_EXPECTED;
        for (int i = 0; i < expectedCount; i++) {
            next = Math.min(next, expectedAt[i]);
        }
        return next;
    }

    private void add(long messageId, long at) {
        if (expectedIds == null) {
            expectedIds = new long[2];
            expectedAt = new long[2];
        } else if (expectedCount == expectedIds.length) {
            expectedIds = Arrays.copyOf(expectedIds, expectedCount * 2);
            expectedAt = Arrays.copyOf(expectedAt, expectedCount * 2);
        }
        expectedIds[expectedCount] = messageId;
        expectedAt[expectedCount++] = at;
    }

    /** The copy of {@code messageId} planned earliest has arrived: it is expected no more. */
    private void arrived(long messageId) {
        int at = -1;
        for (int i = 0; i < expectedCount; i++) {
            if (expectedIds[i] == messageId && (at < 0 || expectedAt[i] < expectedAt[at])) {
                at = i;
            }
        }
        if (at >= 0) {
            expectedCount--;
            expectedIds[at] = expectedIds[expectedCount];
            expectedAt[at] = expectedAt[expectedCount];
        }
    }

    /**
     * Runs {@code listener} after each message becomes visible, on the deliverer's thread: how a
     * waiting person is woken by an arrival instead of glancing at the phone every so often.
     */
    public void onArrival(Runnable listener) {
        this.onArrival = listener;
    }

    public String address() {
        return address;
    }

    /** Adds a message; false (and nothing stored) once the person's journey ended. */
    public synchronized boolean deliver(Message m) {
        if (retired) {
            return false;
        }
        Message[] a = messages;
        if (count == a.length) {
            a = Arrays.copyOf(a, a.length * 2);
            messages = a;
        }
        a[count] = m;
        count = count + 1;
        arrived(m.messageId());
        Runnable listener = onArrival;
        if (listener != null) {
            listener.run();
        }
        return true;
    }

    /** Number of visible messages. */
    public int count() {
        return count;
    }

    /** The i-th message to become visible, 0 ≤ i < {@link #count()}. */
    public Message get(int i) {
        int n = count; // read count first: the array then holds at least n entries
        if (i >= n) {
            throw new IndexOutOfBoundsException(i + " >= " + n);
        }
        return messages[i];
    }

    public List<Message> messages() {
        int n = count;
        return List.of(Arrays.copyOf(messages, n));
    }

    /** Frees the inbox when the journey ended; later deliveries are not kept (the ledger still counts them). */
    public synchronized void retire() {
        retired = true;
        onArrival = null;
        messages = new Message[0];
        count = 0;
        expectedIds = null;
        expectedAt = null;
        expectedCount = 0;
    }

    public boolean retired() {
        return retired;
    }
}
