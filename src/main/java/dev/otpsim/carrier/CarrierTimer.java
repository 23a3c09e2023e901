package dev.otpsim.carrier;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The clock carriers deliver by in scaled real time: one thread that runs each task at its real
 * instant, to within the operating system's timer slack (tens of µs) rather than Akka's
 * scheduler, which fires on the first 1 ms tick after a deadline (p50 ~2 ms late, measured) and
 * wakes every millisecond even with nothing to do. A task only hands work to its carrier's
 * mailbox, so the one thread is never the bottleneck.
 *
 * <pre>{@code
 * try (CarrierTimer timer = new CarrierTimer()) {
 *     timer.schedule(clock.realNanosUntil(visibleAt), () -> actor.tell(due, ActorRef.noSender()));
 * }
 * }</pre>
 * {@link #close()} drops what is not yet due: nothing of a finished run stays referenced.
 */
public final class CarrierTimer implements AutoCloseable {
    private final ScheduledThreadPoolExecutor executor;

    public CarrierTimer() {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "otpsim-carrier-timer");
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Runs {@code task} on the timer thread {@code delayNanos} from now (at once if not positive). */
    public void schedule(long delayNanos, Runnable task) {
        if (executor.isShutdown()) {
            return; // the run is over: late deliveries are dropped, as Akka drops them after terminate
        }
        try {
            executor.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closed between the check and the call: same as above
        }
    }

    /** Tasks waiting for their time. */
    public int pending() {
        return executor.getQueue().size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
