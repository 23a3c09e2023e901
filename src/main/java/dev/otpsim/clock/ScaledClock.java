package dev.otpsim.clock;

/** A {@link SimClock} driven by {@link System#nanoTime()}, running {@code timeScale} times real time. */
public final class ScaledClock implements SimClock {
    private final long startNanos;
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

    @Override
    public long nowMillis() {
        return (long) ((System.nanoTime() - startNanos) * timeScale / 1_000_000.0);
    }

    @Override
    public double timeScale() {
        return timeScale;
    }
}
