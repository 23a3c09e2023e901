package dev.otpsim.bench;

import dev.otpsim.load.RunContext;
import dev.otpsim.metrics.RunMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Watches a run from the side while {@link dev.otpsim.load.GatlingEngine} executes it, through the
 * {@link RunContext} the engine installs: the engine's own start-up, warm-up and report writing
 * are outside the window it measures.
 *
 * <ul>
 *   <li>The <b>steady window</b> runs from simulated zero (the first arrival) to the end of the
 *   load: real time, process CPU, journeys started and ended in between.</li>
 *   <li><b>Heap samples</b> (optional) at given fractions of the load: heap used after full GC,
 *   with the journeys ended and running at that moment. The difference of two samples over the
 *   journeys completed between them is the heap retained per completed journey, as long as the
 *   journeys in flight are about the same at both (an open model at a constant rate).</li>
 * </ul>
 * Polls every 2 ms, so window edges are known to a few ms; counts the process's open file
 * descriptors every 50 ms ({@link #peakOpenFiles()}). Forced GCs are for the memory run only,
 * since they stop the world and would distort a throughput rung; the capacity guard is told to
 * excuse them.
 */
final class RunProbe implements AutoCloseable {
    /**
     * The window between simulated zero and the end of the load — or the moment the load was
     * stopped because the harness was over capacity ({@code cutShort}).
     */
    record Window(double realSeconds, long cpuNanos, long journeysStarted, long journeysEnded, boolean cutShort) {
    }

    /** Heap after full GC at a point of the run. */
    record HeapSample(double atFraction, long simMillis, long heapUsedBytes, long journeysEnded, int running) {
    }

    /** Lag excused around a forced collection: its pause, then the queue it left behind. */
    private static final long EXCUSE_NANOS = 1_000_000_000L;
    /** Open files are counted every this many polls (50 ms): listing them costs more than a poll. */
    private static final int FD_EVERY = 25;

    private final long loadMillis;
    private final double[] heapAt;
    private final List<HeapSample> heap = new ArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean stop;
    private volatile Window window;
    private volatile long peakOpenFiles = -1;

    /**
     * @param loadMillis simulated length of the load (arrivals end there)
     * @param heapAt     fractions of the load at which to sample the heap, ascending; empty for none
     */
    RunProbe(long loadMillis, double... heapAt) {
        this.loadMillis = loadMillis;
        this.heapAt = heapAt.clone();
        this.thread = new Thread(this::watch, "otpsim-bench-probe");
        thread.setDaemon(true);
    }

    RunProbe start() {
        thread.start();
        return this;
    }

    private void watch() {
        try {
            RunContext ctx = null;
            long t0 = 0, cpu0 = 0, started0 = 0, ended0 = 0;
            int nextHeap = 0;
            for (long polls = 0; !stop; polls++) {
                if (polls % FD_EVERY == 0) {
                    peakOpenFiles = Math.max(peakOpenFiles, OpenFiles.count());
                }
                if (ctx == null) {
                    ctx = installed();
                    if (ctx == null || !ctx.clock().started()) {
                        ctx = null;
                        sleep();
                        continue;
                    }
                    RunMetrics m = ctx.metrics();
                    t0 = System.nanoTime();
                    cpu0 = ProcessCpu.nanos();
                    started0 = m.journeys();
                    ended0 = m.journeysEnded();
                }
                long now = ctx.clock().nowMillis();
                RunMetrics m = ctx.metrics();
                if (window == null && nextHeap < heapAt.length && now >= heapAt[nextHeap] * loadMillis) {
                    // Full collections stop the world on purpose: not the harness falling behind.
                    ctx.watch().excuseFor(EXCUSE_NANOS);
                    long used = HeapProbe.usedAfterGc();
                    ctx.watch().excuseFor(EXCUSE_NANOS); // and the backlog they left to clear
                    heap.add(new HeapSample(heapAt[nextHeap], ctx.clock().nowMillis(), used, m.journeysEnded(),
                            ctx.ledger().running()));
                    nextHeap++;
                }
                boolean stopped = ctx.watch().loadStopped();
                if (window == null && (now >= loadMillis || stopped)) {
                    window = new Window((System.nanoTime() - t0) / 1e9, ProcessCpu.nanos() - cpu0,
                            m.journeys() - started0, m.journeysEnded() - ended0, stopped && now < loadMillis);
                }
                sleep();
            }
        } finally {
            done.countDown();
        }
    }

    private static RunContext installed() {
        try {
            return RunContext.current();
        } catch (IllegalStateException notYet) {
            return null;
        }
    }

    private void sleep() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            stop = true;
        }
    }

    /** The most file descriptors the process held open while watched (sampled every 50 ms). */
    long peakOpenFiles() {
        return peakOpenFiles;
    }

    /** The steady window, or null if the run ended before its load did (it failed). */
    Window window() {
        return window;
    }

    /** Heap samples taken, in order. Read after {@link #close()}. */
    List<HeapSample> heap() {
        return List.copyOf(heap);
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        done.await(5, TimeUnit.SECONDS);
    }
}
