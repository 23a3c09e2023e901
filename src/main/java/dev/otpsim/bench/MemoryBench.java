package dev.otpsim.bench;

import dev.otpsim.run.RunResult;
import dev.otpsim.scenario.Scenario;
import java.io.IOException;
import java.util.List;

/**
 * Heap retained per completed journey, measured inside a real run while everything the run keeps
 * is still referenced: the heap after full GC at {@link #SAMPLES} points of the load's second half,
 * and the heap growth per journey completed between them, steps set aside ({@link MemoryResult}).
 *
 * <p>What is counted: everything on the Java heap that grows with completed journeys — the
 * target's per-user state, the ledger's per-address state, Gatling's and Akka's own bookkeeping,
 * the metrics windows, anything leaked. What is not: off-heap memory (Netty's direct buffers,
 * metaspace), and state proportional to journeys <em>in flight</em>, which stays about the same
 * under a constant open-model rate (every sample records it so this can be checked).
 *
 * <p>The reference target keeps a person for two code validities after their last send — state
 * proportional to rate × that window, not to completed journeys. The memory scenario's codes are
 * valid one simulated minute ({@link BenchScenario#memory}): the window fills in the first 2 s real
 * and every sample is taken after it.
 */
final class MemoryBench {
    static final int SAMPLES = 12;
    static final int MIN_SAMPLES = 4;

    private final BenchRunner runner;

    MemoryBench(BenchRunner runner) {
        this.runner = runner;
    }

    /** Fractions of the load at which the heap is weighed: evenly from 40 % to 95 %. */
    static double[] samplePoints() {
        double[] at = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            at[i] = 0.4 + 0.55 * i / (SAMPLES - 1);
        }
        return at;
    }

    MemoryResult measure(double realRate, double realSeconds) throws IOException, InterruptedException {
        Scenario s = BenchScenario.memory("memory", realRate, realSeconds);
        double[] at = samplePoints();
        RunResult r;
        List<MemoryResult.Sample> samples;
        try (RunProbe probe = new RunProbe(s.load().durationMillis(), at).start()) {
            r = runner.run(s);
            probe.close();
            samples = MemoryResult.of(probe.heap());
        }
        // Each sample stops the world for full collections: on a busy machine the last ones may
        // not fit before the load ends. Four are the fewest that set a step aside. A run without
        // enough is a failed measurement, reported as such; the bench goes on.
        String problems = r.summary().problems().isEmpty() ? ""
                : "; the run's problems: " + r.summary().problems().stream().map(p -> p.kind().id())
                        .distinct().toList();
        if (samples.size() < MIN_SAMPLES) {
            return MemoryResult.failed(realRate, r.summary().journeys(), samples, r.runDir().toString(),
                    "took " + samples.size() + " heap samples of " + at.length + " before the load ended (at least "
                            + MIN_SAMPLES + " needed)" + problems);
        }
        MemoryResult m = MemoryResult.of(realRate, r.summary().journeys(), samples, r.runDir().toString());
        if (m.journeysBetween() <= 0) {
            return MemoryResult.failed(realRate, r.summary().journeys(), samples, r.runDir().toString(),
                    "no journey completed between the heap samples" + problems);
        }
        return m;
    }
}
