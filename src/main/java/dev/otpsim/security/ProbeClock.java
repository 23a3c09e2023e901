package dev.otpsim.security;

import dev.otpsim.clock.SimClock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real time (scale 1) that the probes can move forward: waiting out the embedded reference
 * target's resend cooldown is a jump, not a sleep. Jumps go to a point in time, so several
 * probe threads waiting out the same 30 s move the clock 30 s, not 30 s each.
 *
 * <pre>{@code
 * ProbeClock clock = new ProbeClock();
 * clock.skipTo(clock.nowMillis() + 30_000);   // the cooldown has passed
 * }</pre>
 */
final class ProbeClock implements SimClock {
    private final long startNanos = System.nanoTime();
    private final AtomicLong skippedMillis = new AtomicLong();

    @Override
    public long nowMillis() {
        return realMillis() + skippedMillis.get();
    }

    @Override
    public double timeScale() {
        return 1.0;
    }

    /** Moves now to at least {@code simMillis}; never backwards. */
    void skipTo(long simMillis) {
        skippedMillis.accumulateAndGet(simMillis - realMillis(), Math::max);
    }

    private long realMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
