package dev.otpsim.clock;

import java.time.Duration;

/**
 * The one clock every component reads: simulated milliseconds since the run started.
 *
 * <p>Every duration in scenarios and reports is simulated time. A {@link ScaledClock} runs
 * {@code timeScale} simulated seconds per real second, so a 30-minute lockout passes in 30 s at
 * scale 60. Components convert to real time only where they actually wait (a scheduler, a pause).
 *
 * <pre>{@code
 * SimClock clock = ScaledClock.start(60.0);
 * long issuedAt = clock.nowMillis();              // simulated ms since start
 * Duration realWait = clock.toReal(Duration.ofMinutes(2)); // 2 s real
 * }</pre>
 */
public interface SimClock {

    /** Simulated milliseconds since the run started. */
    long nowMillis();

    /** Simulated seconds per real second. */
    double timeScale();

    /** The real duration that lasts {@code simulated} on this clock. */
    default Duration toReal(Duration simulated) {
        return Duration.ofNanos(toRealNanos(simulated.toMillis()));
    }

    /**
     * Real nanoseconds from now until simulated {@code atMillis} begins (not positive once it has).
     * Clocks that know their real origin say it exactly; {@link #nowMillis()} is whole ms, which
     * would make every wait up to one simulated ms too long.
     */
    default long realNanosUntil(long atMillis) {
        return toRealNanos(atMillis - nowMillis());
    }

    /** Real nanoseconds that last {@code simulatedMillis} on this clock. */
    default long toRealNanos(long simulatedMillis) {
        return Math.round(simulatedMillis * 1_000_000.0 / timeScale());
    }
}
