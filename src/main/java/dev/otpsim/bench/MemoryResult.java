package dev.otpsim.bench;

import java.util.List;

/**
 * Heap retained per completed journey, from heap-after-GC samples of one run at a constant rate:
 * the least-squares slope of heap used against journeys completed. A slope over several samples
 * rather than the difference of two, because the journeys in flight at each sample (and what they
 * hold) vary by a few dozen and would otherwise move the figure by a hundred bytes or more.
 *
 * @param offeredPerSecond journeys started per real second
 * @param journeys         journeys the run started
 * @param samples          heap samples in order
 * @param bytesPerJourney  slope of heap used over journeys completed, bytes
 * @param runDir           where the run's own reports are
 */
public record MemoryResult(double offeredPerSecond, long journeys, List<Sample> samples, double bytesPerJourney,
                           String runDir) {

    /** Heap after full GC at a simulated time, with the journeys completed and still running then. */
    public record Sample(long simMillis, long heapUsedBytes, long journeysEnded, int running) {
    }

    public MemoryResult {
        samples = List.copyOf(samples);
    }

    /** Journeys completed between the first and last sample. */
    public long journeysBetween() {
        return samples.get(samples.size() - 1).journeysEnded() - samples.get(0).journeysEnded();
    }

    static List<Sample> of(List<RunProbe.HeapSample> s) {
        return s.stream().map(h -> new Sample(h.simMillis(), h.heapUsedBytes(), h.journeysEnded(), h.running()))
                .toList();
    }

    /** Least-squares slope of heap used (y) over journeys completed (x). */
    static double slope(List<Sample> samples) {
        int n = samples.size();
        double mx = samples.stream().mapToDouble(Sample::journeysEnded).average().orElse(0);
        double my = samples.stream().mapToDouble(Sample::heapUsedBytes).average().orElse(0);
        double sxy = 0, sxx = 0;
        for (Sample s : samples) {
            sxy += (s.journeysEnded() - mx) * (s.heapUsedBytes() - my);
            sxx += (s.journeysEnded() - mx) * (s.journeysEnded() - mx);
        }
        return n < 2 || sxx == 0 ? 0 : sxy / sxx;
    }
}
