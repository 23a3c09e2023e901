package dev.otpsim.load;

import dev.otpsim.clock.SimClock;
import dev.otpsim.handset.Handset;

/**
 * When a waiting person wakes, in real time: at the earlier of their own next decision and the
 * moment the next message on its way becomes visible in their handset — the carrier planned that
 * moment when it took the message ({@link Handset#nextArrivalMillis()}) — so they do not glance
 * at the phone in between. Where codes reach the gateway at a time only the target knows (an
 * external target), also at the next glance, {@code load.poll-interval} away: an arrival nobody
 * has announced cannot be slept until.
 *
 * <p>A copy planned for now that has not landed yet (the carrier's timer fires on a 1 ms tick
 * after its instant, then hands the copy over through a mailbox; on a busy machine later), or one
 * whose carrier has not decided yet, is looked for again after 1 ms real, then 2, 4, ... up to
 * 32 ms: a late delivery costs a few wake-ups, never a spin. One instance per person.
 *
 * <pre>{@code
 * long ms = wakeUps.pauseMillis(clock.nowMillis(), wait.untilMillis(), handset.nextArrivalMillis(), 0, clock);
 * }</pre>
 */
final class WakeUps {
    /**
     * Woken for an arrival, a person sleeps this much (real) past the carrier's planned instant,
     * which is when the carrier's timer can fire at the earliest.
     */
    static final long ARRIVAL_GRACE_NANOS = 1_000_000;
    /** First look-again when a planned copy has not landed; doubles each time up to the cap. */
    static final long FIRST_RECHECK_NANOS = 1_000_000;
    static final long MAX_RECHECK_NANOS = 32_000_000;

    private long recheckNanos = FIRST_RECHECK_NANOS;
    private boolean lastWasRecheck;

    /**
     * @param now        simulated now
     * @param until      the person's next decision (simulated), later than {@code now}
     * @param arrival    {@link Handset#nextArrivalMillis()}
     * @param pollMillis simulated glance interval for unannounced arrivals, or 0 for none
     * @return whole real ms to pause, at least 1 (Gatling pauses in whole ms, rounding down: a
     *         pause rounded down would wake the person just too early, so this rounds up)
     */
    long pauseMillis(long now, long until, long arrival, long pollMillis, SimClock clock) {
        long untilNanos = clock.toRealNanos(Math.max(1, until - now));
        long nanos;
        lastWasRecheck = arrival <= now; // includes Handset.UNDECIDED
        if (lastWasRecheck) {
            nanos = Math.min(recheckNanos, untilNanos);
            recheckNanos = Math.min(2 * recheckNanos, MAX_RECHECK_NANOS);
        } else {
            recheckNanos = FIRST_RECHECK_NANOS;
            nanos = untilNanos;
            if (arrival < until) {
                nanos = clock.toRealNanos(arrival - now) + ARRIVAL_GRACE_NANOS;
            }
            if (pollMillis > 0) {
                nanos = Math.min(nanos, clock.toRealNanos(pollMillis));
            }
        }
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    /** Whether the last pause was a look-again for a copy planned for now that had not landed. */
    boolean lastWasRecheck() {
        return lastWasRecheck;
    }
}
