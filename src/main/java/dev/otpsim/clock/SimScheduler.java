package dev.otpsim.clock;

/**
 * "Run this at simulated time t": the one scheduling primitive people's journeys, carriers and
 * the run's bookkeeping use, so they never know which engine runs them (SimPy's environment, SSJ's
 * event list). Two environments implement it:
 * <ul>
 *   <li>{@link VirtualScheduler} — a discrete-event loop: time jumps from event to event, exact and
 *       deterministic, independent of machine load;</li>
 *   <li>scaled real time ({@link ScaledClock}), in the Gatling engine: each carrier actor's
 *       scheduler ({@code carrier.CarrierActor}) runs an action in the actor's mailbox when the
 *       wall clock reaches its simulated time, timed by one {@code carrier.CarrierTimer} thread.</li>
 * </ul>
 *
 * <pre>{@code
 * SimScheduler time = new VirtualScheduler();
 * time.at(30_000, () -> person.wake());   // at simulated 30 s
 * long now = time.nowMillis();            // inside an action: the action's own time
 * }</pre>
 *
 * <p>Actions scheduled for the same simulated millisecond run in the order they were scheduled.
 * An action scheduled in the past runs as soon as possible, at the current time.
 */
public interface SimScheduler extends SimClock {

    /** Runs {@code action} at simulated {@code atMillis} (at once, i.e. now, if that has passed). */
    void at(long atMillis, Runnable action);
}
