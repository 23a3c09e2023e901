package dev.otpsim.totp;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the Unix time an authenticator app and its service compute codes from stands against
 * simulated time. The embedded target runs entirely on simulated time, so simulated ms are its
 * Unix ms; a service of the user's computes codes from its own wall clock, so for it simulated
 * time is anchored to the wall clock at the first reading (runs against it use time-scale 1).
 *
 * <pre>{@code
 * TotpClock c = TotpClock.SIMULATED;
 * long unix = c.unixMillis(simNow);   // = simNow
 * }</pre>
 */
@FunctionalInterface
public interface TotpClock {
    /** The embedded target's: simulated ms since simulated zero are the Unix ms codes are made from. */
    TotpClock SIMULATED = sim -> sim;

    long unixMillis(long simMillis);

    /**
     * A service's wall clock: the first call fixes the offset between simulated and Unix time, every
     * later call (the person's app, the ledger) uses the same one.
     */
    static TotpClock wallClock() {
        AtomicLong offset = new AtomicLong(Long.MIN_VALUE);
        return sim -> {
            long o = offset.get();
            if (o == Long.MIN_VALUE) {
                offset.compareAndSet(Long.MIN_VALUE, System.currentTimeMillis() - sim);
                o = offset.get();
            }
            return sim + o;
        };
    }
}
