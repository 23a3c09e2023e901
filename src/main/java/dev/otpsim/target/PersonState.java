package dev.otpsim.target;

import java.util.ArrayList;
import java.util.List;

/**
 * What the service remembers about one person: recent sends, issued codes, failures, lock.
 *
 * <p>Guarded by its own monitor ({@code synchronized (state)}), so two people never wait for each
 * other and one person's counters stay exact under concurrent requests. {@link #forgotten} marks
 * a state the idle sweep removed from the map: a request that raced with the sweep retries with
 * a fresh state instead of updating one nobody will read again.
 */
final class PersonState {
    static final long NEVER = Long.MIN_VALUE;
    static final long NOT_QUEUED = Long.MAX_VALUE;

    /** Whose state this is: the sweep that forgets people finds them by it. */
    final String user;
    final SendWindow sends = new SendWindow();
    /** Oldest first; the last one is the current code. */
    final List<IssuedCode> codes = new ArrayList<>(2);
    long lastSendAtMs = NEVER;
    /** Sends accepted for this person so far: numbers each hand-over for the ledger. */
    int sendsAccepted;
    int failures;
    long lastFailureAtMs = NEVER;
    long lockedUntilMs = NEVER;
    /** The latest authenticator step accepted for this person (replay protection), or NEVER. */
    long lastTotpStep = NEVER;
    boolean forgotten;
    /** When the service's sweep queue will look at this person ({@link #NOT_QUEUED} before the first request). */
    long sweepAtMs = NOT_QUEUED;
    /** When this state can no longer change an answer, as of the last request (the service keeps it up to date). */
    long forgettableAtMs = Long.MIN_VALUE;

    PersonState(String user) {
        this.user = user;
    }

    boolean lockedAt(long now) {
        return lockedUntilMs != NEVER && now < lockedUntilMs;
    }

    /** A lock that has run out gives the person a clean slate of attempts. */
    void liftLockIfOver(long now) {
        if (lockedUntilMs != NEVER && now >= lockedUntilMs) {
            lockedUntilMs = NEVER;
            failures = 0;
            lastFailureAtMs = NEVER;
        }
    }

    IssuedCode current() {
        return codes.isEmpty() ? null : codes.get(codes.size() - 1);
    }
}
