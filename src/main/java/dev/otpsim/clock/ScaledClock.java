package dev.otpsim.clock;

/**
 * A {@link SimClock} driven by {@link System#nanoTime()}, running {@code timeScale} times real time.
 *
 * <p>Simulated zero can be moved to "now" once everything is up ({@link #zeroNow()}), so that
 * start-up time (JVM, servers, Gatling) is not counted as simulated time: an outage configured
 * at 2m happens two simulated minutes after the first person arrives, not after the JVM started.
 */
public final class ScaledClock implements SimClock {
    private volatile long startNanos;
    private volatile boolean zeroed;
    private final double timeScale;

    private ScaledClock(long startNanos, double timeScale) {
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("time-scale must be a positive number, got " + timeScale);
        }
        this.startNanos = startNanos;
        this.timeScale = timeScale;
    }

    /** A clock whose simulated zero is now. */
    public static ScaledClock start(double timeScale) {
        return new ScaledClock(System.nanoTime(), timeScale);
    }

    /** Makes now simulated zero. Call before anything has been scheduled on this clock. */
    public void zeroNow() {
        startNanos = System.nanoTime();
        zeroed = true;
    }

    /** Whether {@link #zeroNow()} was called: simulated time has begun. */
    public boolean started() {
        return zeroed;
    }

    @Override
    public long nowMillis() {
        return (long) ((System.nanoTime() - startNanos) * timeScale / 1_000_000.0);
    }

    @Override
    public long realNanosUntil(long atMillis) {
        return startNanos + Math.round(atMillis * 1_000_000.0 / timeScale) - System.nanoTime();
    }

    @Override
    public double timeScale() {
        return timeScale;
    }
}
