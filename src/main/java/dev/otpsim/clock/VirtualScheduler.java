package dev.otpsim.clock;

/**
 * Virtual time: a single-threaded discrete-event loop. {@link #nowMillis()} is the time of the
 * event being run; {@link #run()} takes events in (time, scheduling order) and jumps the clock to
 * each, so a 30-minute lockout costs nothing and the same events always run in the same order.
 *
 * <pre>{@code
 * VirtualScheduler time = new VirtualScheduler();
 * time.at(0, () -> arrival(1));
 * time.run();                          // until no event is left
 * }</pre>
 *
 * <p>The event list is a {@link TimeQueue}: no object per event beyond the action itself. Not
 * thread-safe: everything it runs runs on the caller's thread.
 */
public final class VirtualScheduler implements SimScheduler {
    private final TimeQueue<Runnable> events = new TimeQueue<>(1024);
    private long now;
    private long eventsRun;

    @Override
    public long nowMillis() {
        return now;
    }

    /** No real time passes in virtual time. */
    @Override
    public double timeScale() {
        return Double.POSITIVE_INFINITY;
    }

    /** Runs {@code action} at {@code atMillis}; a time in the past runs it now, after what is due now. */
    @Override
    public void at(long atMillis, Runnable action) {
        events.add(Math.max(atMillis, now), action);
    }

    /** Runs every event, including those the events schedule, until none is left. */
    public void run() {
        runUntil(Long.MAX_VALUE);
    }

    /**
     * Runs the events due at or before {@code endMillis}, then leaves the clock at {@code endMillis}
     * (or at the last event's time when {@code endMillis} is {@link Long#MAX_VALUE}).
     */
    public void runUntil(long endMillis) {
        while (events.size() > 0 && events.nextTime() <= endMillis) {
            now = events.nextTime();
            Runnable action = events.poll();
            eventsRun++;
            action.run();
        }
        if (endMillis != Long.MAX_VALUE && endMillis > now) {
            now = endMillis;
        }
    }

    /** Events waiting to run. */
    public int pending() {
        return events.size();
    }

    /** Time of the next event, or {@link Long#MAX_VALUE} when none is left. */
    public long nextEventMillis() {
        return events.nextTime();
    }

    /** Events run so far (for benchmarks). */
    public long eventsRun() {
        return eventsRun;
    }
}
