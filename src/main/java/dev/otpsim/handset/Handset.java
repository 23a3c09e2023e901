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
    }

    public boolean retired() {
        return retired;
    }
}
