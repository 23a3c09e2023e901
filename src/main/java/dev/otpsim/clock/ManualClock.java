package dev.otpsim.clock;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told: for tests of time-dependent policy (cooldowns, lockouts,
 * expiry) without sleeping, and for the future discrete-event driver.
 */
public final class ManualClock implements SimClock {
    private final AtomicLong nowMillis = new AtomicLong();

    @Override
    public long nowMillis() {
        return nowMillis.get();
    }

    @Override
    public double timeScale() {
        return 1.0;
    }

    public void advance(Duration simulated) {
        nowMillis.addAndGet(simulated.toMillis());
    }

    public void set(long simulatedMillis) {
        nowMillis.set(simulatedMillis);
    }
}
