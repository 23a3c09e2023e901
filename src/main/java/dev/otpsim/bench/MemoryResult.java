package dev.otpsim.bench;

import java.util.List;

/**
 * Heap retained per completed journey, from heap-after-GC samples of one run at a constant rate:
 * the median of the slopes between consecutive samples (heap growth / journeys completed in the
 * interval). The median, because the heap also moves in steps that have nothing to do with
 * journeys — a buffer pool taking a new multi-megabyte chunk, a hash table doubling — and because
 * the journeys in flight at each sample vary by a few dozen: measured, a single such step in one
 * interval moved a least-squares slope from ~300 to over 1,100 bytes. A step moves one interval's
 * slope, not the median. {@link #intervalSlopes()} shows the spread.
 *
 * @param offeredPerSecond journeys started per real second
 * @param journeys         journeys the run started
 * @param samples          heap samples in order
 * @param bytesPerJourney  median of the interval slopes, bytes per completed journey
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

    /** Bytes per completed journey in each interval between consecutive samples (empty intervals skipped). */
    public List<Double> intervalSlopes() {
        return slopes(samples);
    }

    static List<Double> slopes(List<Sample> samples) {
        List<Double> out = new java.util.ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            long journeys = samples.get(i).journeysEnded() - samples.get(i - 1).journeysEnded();
            if (journeys > 0) {
                out.add((double) (samples.get(i).heapUsedBytes() - samples.get(i - 1).heapUsedBytes()) / journeys);
            }
        }
        return out;
    }

    /** The median of the interval slopes; 0 when there is none. */
    static double medianSlope(List<Sample> samples) {
        List<Double> s = slopes(samples).stream().sorted().toList();
        if (s.isEmpty()) {
            return 0;
        }
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
