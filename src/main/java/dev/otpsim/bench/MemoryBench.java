package dev.otpsim.bench;

import dev.otpsim.load.RunResult;
import dev.otpsim.scenario.Scenario;
import java.io.IOException;
import java.util.List;

/**
 * Heap retained per completed journey, measured inside a real run while everything the run keeps
 * is still referenced: the heap after full GC early in the load and again near its end; the
 * growth divided by the journeys completed in between.
 *
 * <p>What is counted: everything on the Java heap that grows with completed journeys — the
 * target's per-user state, retired handsets, the ledger's per-address state, Gatling's and
 * Akka's own bookkeeping, anything leaked. What is not: off-heap memory (Netty's direct buffers,
 * metaspace), and state proportional to journeys <em>in flight</em>, which is about the same at
 * both samples under a constant open-model rate (both samples record it so this can be checked).
 * Fixed-size structures (histograms, windows) cancel out.
 */
final class MemoryBench {
    /** Where in the load the two samples fall: after start-up settles, and before arrivals stop. */
    private static final double FIRST = 0.25, LAST = 0.95;

    private final BenchRunner runner;

    MemoryBench(BenchRunner runner) {
        this.runner = runner;
    }

    MemoryResult measure(double realRate, double realSeconds) throws IOException, InterruptedException {
        Scenario s = BenchScenario.of("memory", realRate, realSeconds);
        RunResult r;
        List<MemoryResult.Sample> samples;
        try (RunProbe probe = new RunProbe(s.load().durationMillis(), FIRST, LAST).start()) {
            r = runner.run(s);
            probe.close();
            samples = MemoryResult.of(probe.heap());
        }
        if (samples.size() < 2) {
            throw new IOException("memory run: took " + samples.size() + " heap samples of 2; the run ended early");
        }
        MemoryResult.Sample a = samples.get(0), b = samples.get(1);
        long between = b.journeysEnded() - a.journeysEnded();
        if (between <= 0) {
            throw new IOException("memory run: no journey completed between the heap samples; run it longer");
        }
        double perJourney = (double) (b.heapUsedBytes() - a.heapUsedBytes()) / between;
        return new MemoryResult(realRate, r.summary().journeys(), a, b, perJourney, r.runDir().toString());
    }
}
