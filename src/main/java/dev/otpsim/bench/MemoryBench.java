package dev.otpsim.bench;

import dev.otpsim.run.RunResult;
import dev.otpsim.scenario.Scenario;
import java.io.IOException;
import java.util.List;

/**
 * Heap retained per completed journey, measured inside a real run while everything the run keeps
 * is still referenced: the heap after full GC at six points of the load, and the slope of heap
 * used over journeys completed ({@link MemoryResult}).
 *
 * <p>What is counted: everything on the Java heap that grows with completed journeys — the
 * target's per-user state, retired handsets, the ledger's per-address state, Gatling's and
 * Akka's own bookkeeping, anything leaked. What is not: off-heap memory (Netty's direct buffers,
 * metaspace), and state proportional to journeys <em>in flight</em>, which stays about the same under a
 * constant open-model rate (every sample records it so this can be checked).
 * Fixed-size structures (histograms, windows) cancel out.
 */
final class MemoryBench {
    /**
     * Where in the load the samples fall: the last 40 % of it. The reference target keeps a
     * person's state for two code TTLs after their last send (20 simulated minutes with the default
     * policy: 20 s real at time-scale 60) — state proportional to rate × that window, not to
     * completed journeys. It fills during the first 20 s and stays flat after, so with the default
     * 40 s run every sample is taken after it filled.
     */
    private static final double[] AT = {0.6, 0.67, 0.74, 0.81, 0.88, 0.95};

    private final BenchRunner runner;

    MemoryBench(BenchRunner runner) {
        this.runner = runner;
    }

    MemoryResult measure(double realRate, double realSeconds) throws IOException, InterruptedException {
        Scenario s = BenchScenario.of("memory", realRate, realSeconds);
        RunResult r;
        List<MemoryResult.Sample> samples;
        try (RunProbe probe = new RunProbe(s.load().durationMillis(), AT).start()) {
            r = runner.run(s);
            probe.close();
            samples = MemoryResult.of(probe.heap());
        }
        if (samples.size() < AT.length) {
            throw new IOException("memory run: took " + samples.size() + " heap samples of " + AT.length
                    + "; the run ended early");
        }
        MemoryResult m = new MemoryResult(realRate, r.summary().journeys(), samples, MemoryResult.medianSlope(samples),
                r.runDir().toString());
        if (m.journeysBetween() <= 0) {
            throw new IOException("memory run: no journey completed between the heap samples; run it longer");
        }
        return m;
    }
}
