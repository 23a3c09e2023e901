package dev.otpsim.clock;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Scaled real time: an action runs on a timer thread when a {@link ScaledClock} reaches its
 * simulated time. Lateness of the timer is real time multiplied by the time-scale, which is why
 * the Gatling engine measures it and calls a run invalid when it grows (see the README, "Time").
 *
 * <pre>{@code
 * try (RealTimeScheduler time = new RealTimeScheduler(ScaledClock.start(60), "otpsim-windows")) {
 *     time.at(10_000, () -> windows.closeUpTo(time.nowMillis()));
 * }
 * }</pre>
 */
public final class RealTimeScheduler implements SimScheduler, AutoCloseable {
    private final ScaledClock clock;
    private final ScheduledExecutorService timer;

    public RealTimeScheduler(ScaledClock clock, String threadName) {
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public long nowMillis() {
        return clock.nowMillis();
    }

    @Override
    public double timeScale() {
        return clock.timeScale();
    }

    @Override
    public void at(long atMillis, Runnable action) {
        long delay = Math.max(0, toRealNanos(atMillis - clock.nowMillis()));
        if (!timer.isShutdown()) {
            timer.schedule(action, delay, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
