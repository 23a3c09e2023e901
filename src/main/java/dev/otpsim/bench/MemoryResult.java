package dev.otpsim.bench;

import java.util.List;

/**
 * Heap retained per completed journey, from two heap-after-GC samples of one run at a constant rate.
 *
 * @param offeredPerSecond    journeys started per real second
 * @param journeys            journeys the run started
 * @param first               the earlier sample
 * @param last                the later sample
 * @param bytesPerJourney     (last − first heap) / (journeys completed between them)
 * @param runDir              where the run's own reports are
 */
public record MemoryResult(double offeredPerSecond, long journeys, Sample first, Sample last,
                           double bytesPerJourney, String runDir) {

    /** Heap after full GC at a simulated time, with the journeys completed and still running then. */
    public record Sample(long simMillis, long heapUsedBytes, long journeysEnded, int running) {
    }

    /** Journeys completed between the two samples. */
    public long journeysBetween() {
        return last.journeysEnded() - first.journeysEnded();
    }

    static List<Sample> of(List<RunProbe.HeapSample> s) {
        return s.stream().map(h -> new Sample(h.simMillis(), h.heapUsedBytes(), h.journeysEnded(), h.running()))
                .toList();
    }
}
