package dev.otpsim.load;

import dev.otpsim.metrics.RunSummary;
import dev.otpsim.metrics.SummaryBuilder;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Tells a run that the harness can no longer carry its load, while it goes — before a lag spiral
 * (requests late, so people resend, so more load, so more lag) is reported as the target's
 * behaviour. Every check (a quarter of a real second) reads the harness's lag since the previous
 * one ({@link HarnessWatch}: requests sent after they were due, carrier deliveries after their
 * planned instant). A check is <em>behind</em> when that p99, multiplied by the time-scale, is
 * above the run's lag tolerance ({@link SummaryBuilder#HARNESS_LAG_LIMIT_MS} simulated). The run is
 * <em>over capacity</em> when at least {@link #STRIKES} checks in a row are behind and the lag
 * keeps growing — the p99 of the streak's last two checks at least {@link #GROWTH} times that of
 * its first two: work arrives faster than the harness finishes it, and waiting makes it worse.
 * Then the engine stops the load and the summary says so, with the journeys per real second the
 * harness completed against those started.
 *
 * <p>A lag that is high but steady (a machine busy with other work, a time-scale a little too
 * high) is not over capacity: the run goes on and its end-of-run harness-lag check says whether
 * its figures are a result. A single slow moment (a GC pause, a JIT burst) is a short streak. The
 * first {@link #GRACE_NANOS} of the load are not judged: a JVM still compiling falls behind and
 * catches up (measured: a run at 120 journeys/s on a busy machine was stopped 0.8 s in without
 * it). A check with too few lag samples to read a p99 from neither adds to a streak nor ends it.
 *
 * <pre>{@code
 * CapacityGuard guard = new CapacityGuard(timeScale);
 * every 250 ms: guard.check(watch.takeLag(), simNow, started, ended, System.nanoTime());
 * if (guard.overCapacity()) stop the load; summary problems += guard.problem();
 * }</pre>
 * Not thread-safe: one checker.
 */
public final class CapacityGuard {
    /** Checks in a row above the tolerance, at least, for a verdict. */
    static final int STRIKES = 4;
    /** How much the lag must have grown over the streak: a queue building up, not a steady lag. */
    static final double GROWTH = 2;
    /** Real ms between checks. */
    public static final long CHECK_MILLIS = 250;
    /** Real time from the first check (simulated zero) during which no verdict is given. */
    static final long GRACE_NANOS = 3_000_000_000L;
    /** Fewer lag samples than this in a check say nothing about a percentile. */
    static final long MIN_SAMPLES = 20;

    private final double timeScale;
    private final long limitSimMillis;
    private int strikes;
    private long firstCheckNanos = Long.MIN_VALUE;
    private final double[] streakLag = new double[2]; // p99 of the streak's first two checks, real µs
    private final double[] recentLag = new double[2]; // p99 of the last two checks
    private boolean tripped;
    private long lastNanos = -1, lastStarted, lastEnded;
    /** Journeys started and ended and the real time since the first strike of the current streak. */
    private long streakNanos = -1, streakStarted, streakEnded;
    private String verdict;
    private double completedPerSecond = Double.NaN;

    public CapacityGuard(double timeScale) {
        this(timeScale, SummaryBuilder.HARNESS_LAG_LIMIT_MS);
    }

    CapacityGuard(double timeScale, long limitSimMillis) {
        this.timeScale = timeScale;
        this.limitSimMillis = limitSimMillis;
    }

    /**
     * One check.
     *
     * @param lagMicros harness lag recorded since the previous check, real µs
     * @param simNow    simulated ms now
     * @param started   journeys started so far
     * @param ended     journeys ended so far
     * @param nanoTime  {@link System#nanoTime()} now
     * @return whether the run is over capacity (from now on it stays so)
     */
    public boolean check(Histogram lagMicros, long simNow, long started, long ended, long nanoTime) {
        if (tripped) {
            return true;
        }
        if (firstCheckNanos == Long.MIN_VALUE) {
            firstCheckNanos = nanoTime;
        }
        if (nanoTime - firstCheckNanos < GRACE_NANOS) {
            return false; // still warming up: catching up is likely
        }
        if (lagMicros.getTotalCount() < MIN_SAMPLES) {
            return false; // nothing to read: the streak neither grows nor ends
        }
        double p99 = lagMicros.getValueAtPercentile(99);
        boolean behind = p99 / 1000.0 * timeScale > limitSimMillis;
        if (behind) {
            if (strikes == 0) {
                // The streak's figures count from the check before it, when the harness still kept up.
                streakNanos = lastNanos < 0 ? nanoTime : lastNanos;
                streakStarted = lastNanos < 0 ? started : lastStarted;
                streakEnded = lastNanos < 0 ? ended : lastEnded;
            }
            if (strikes < 2) {
                streakLag[strikes] = p99;
            }
            recentLag[0] = recentLag[1];
            recentLag[1] = p99;
            strikes++;
        } else {
            strikes = 0;
        }
        lastNanos = nanoTime;
        lastStarted = started;
        lastEnded = ended;
        boolean growing = strikes >= 2 && recentLag[0] + recentLag[1] >= GROWTH * (streakLag[0] + streakLag[1]);
        if (strikes >= STRIKES && growing) {
            tripped = true;
            double seconds = Math.max(1e-9, (nanoTime - streakNanos) / 1e9);
            verdict = String.format(Locale.ROOT,
                    "over capacity from %s simulated: the harness fell further and further behind, its lag growing "
                            + "from %.0f to %.0f ms real (p99; %.1f s simulated at time-scale %s) over %.1f s, while it "
                            + "completed %.0f journeys per real second and %.0f were started; the load was stopped "
                            + "there. Lower load.rate or time-scale, or use --engine virtual (embedded target)",
                    dev.otpsim.distribution.Durations.show(simNow), streakLag[0] / 1000.0, p99 / 1000.0,
                    p99 / 1e6 * timeScale, number(timeScale), seconds, (ended - streakEnded) / seconds,
                    (started - streakStarted) / seconds);
            completedPerSecond = (ended - streakEnded) / seconds;
        }
        return tripped;
    }

    /**
     * Checks every {@link #CHECK_MILLIS} on a thread of its own (the window ticker writes files and
     * can fall seconds behind), from simulated zero on; on a verdict, raises
     * {@link HarnessWatch#stopLoad()} (the simulation stops its load generator). Close it when the
     * run ends.
     */
    public static Running start(dev.otpsim.clock.ScaledClock clock, HarnessWatch watch,
                                dev.otpsim.metrics.RunMetrics metrics) {
        CapacityGuard guard = new CapacityGuard(clock.timeScale());
        java.util.concurrent.ScheduledExecutorService thread =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "otpsim-capacity-guard");
                    t.setDaemon(true);
                    return t;
                });
        thread.scheduleAtFixedRate(() -> {
            if (!clock.started() || guard.overCapacity()) {
                return;
            }
            try {
                if (watch.excused(System.nanoTime())) {
                    watch.takeLag(); // stopped on purpose (a benchmark weighing the heap): no strike
                    guard.forgive();
                    return;
                }
                if (guard.check(watch.takeLag(), clock.nowMillis(), metrics.journeys(), metrics.journeysEnded(),
                        System.nanoTime())) {
                    watch.stopLoad();
                }
            } catch (RuntimeException e) {
                // A task that throws is never run again: say so rather than watch nothing.
                System.err.println("otpsim: the capacity check failed and stops: " + e);
                throw e;
            }
        }, CHECK_MILLIS, CHECK_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        return new Running(guard, thread);
    }

    /** Forgets the strikes so far (the lag had a cause that is not the harness's). */
    void forgive() {
        strikes = 0;
        lastNanos = -1;
    }

    /** A guard checking on its own thread; {@link #close()} stops the checks. */
    public record Running(CapacityGuard guard, java.util.concurrent.ExecutorService thread) implements AutoCloseable {
        @Override
        public void close() {
            thread.shutdownNow();
        }
    }

    public boolean overCapacity() {
        return tripped;
    }

    /** Journeys completed per real second while the harness was behind; NaN when not over capacity. */
    public double completedPerSecond() {
        return completedPerSecond;
    }

    /** The summary's problem when over capacity, else null. */
    public RunSummary.RunProblem problem() {
        return tripped ? new RunSummary.RunProblem(RunSummary.RunProblem.Kind.OVER_CAPACITY, verdict) : null;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
