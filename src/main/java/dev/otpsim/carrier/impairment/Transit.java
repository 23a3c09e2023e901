package dev.otpsim.carrier.impairment;

/**
 * One message on its way through one carrier, as the fault stages decide it (simulated ms).
 * Created once per carrier and reused for every message: the model is single-threaded.
 *
 * <p>Times only move forward through the stages: {@code arrival ≤ release ≤ departure ≤ visible}.
 * A stage that loses the message calls {@link #lose}; the stages after it are skipped.
 */
public final class Transit {
    /** {@link #copyAt} when the message has no second copy. */
    public static final long NO_COPY = -1;

    String to;
    long issuedAt;
    /** Handed to the carrier. */
    long arrival;
    /** Free to leave: after an outage hold. */
    long release;
    /** Leaves the carrier: after the capacity queue. */
    long departure;
    /** The first copy becomes visible in the handset. */
    long visible;
    /** A second copy becomes visible, or {@link #NO_COPY}. */
    long copyAt = NO_COPY;
    LossReason lost;
    long lostAt;

    /** Starts a new message handed over at {@code issuedAtMillis}. */
    public Transit begin(String recipient, long issuedAtMillis) {
        to = recipient;
        issuedAt = issuedAtMillis;
        arrival = release = departure = visible = issuedAtMillis;
        copyAt = NO_COPY;
        lost = null;
        lostAt = -1;
        return this;
    }

    void lose(LossReason reason, long atMillis) {
        lost = reason;
        lostAt = atMillis;
    }

    /** Every later time moves with the release (an outage holds everything behind it). */
    void holdUntil(long releaseMillis) {
        release = Math.max(release, releaseMillis);
        departure = Math.max(departure, release);
        visible = Math.max(visible, departure);
    }

    void leaveAt(long departureMillis) {
        departure = Math.max(departure, departureMillis);
        visible = Math.max(visible, departure);
    }

    public boolean isLost() {
        return lost != null;
    }

    public LossReason lossReason() {
        return lost;
    }

    public long lostAtMillis() {
        return lostAt;
    }

    public long arrivalMillis() {
        return arrival;
    }

    public long departureMillis() {
        return departure;
    }

    public long visibleAtMillis() {
        return visible;
    }

    public long copyAtMillis() {
        return copyAt;
    }
}
