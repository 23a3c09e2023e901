package dev.otpsim.bench;

import dev.otpsim.clock.SimClock;

/**
 * A time-scale-1 {@link SimClock} that behaves like {@link dev.otpsim.clock.ScaledClock} at scale 1
 * (whole simulated ms since its origin, from {@link System#nanoTime()}) but exposes its origin,
 * so a planned simulated time can be turned back into the exact real instant it stands for.
 */
final class BenchClock implements SimClock {
    private final long originNanos = System.nanoTime();

    @Override
    public long nowMillis() {
        return (System.nanoTime() - originNanos) / 1_000_000;
    }

    @Override
    public double timeScale() {
        return 1.0;
    }

    @Override
    public long realNanosUntil(long atMillis) {
        return realNanosOf(atMillis) - System.nanoTime();
    }

    /** The {@link System#nanoTime()} at which simulated {@code millis} begins. */
    long realNanosOf(long millis) {
        return originNanos + millis * 1_000_000;
    }
}
