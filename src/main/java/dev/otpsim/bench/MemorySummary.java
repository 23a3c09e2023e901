package dev.otpsim.bench;

import java.util.List;

/**
 * The memory runs of one bench together: the median estimate and how far the runs spread.
 *
 * @param runs        each run, in order
 * @param medianBytes median of the runs' estimates (bytes per completed journey); NaN if any run failed
 * @param spread      (largest − smallest) / median of the estimates; NaN with fewer than two valid runs
 */
public record MemorySummary(List<MemoryResult> runs, double medianBytes, double spread) {

    public MemorySummary {
        runs = List.copyOf(runs);
    }

    static MemorySummary of(List<MemoryResult> runs) {
        if (runs.isEmpty() || runs.stream().anyMatch(r -> !r.valid())) {
            return new MemorySummary(runs, Double.NaN, Double.NaN);
        }
        double[] v = runs.stream().mapToDouble(MemoryResult::bytesPerJourney).sorted().toArray();
        double median = Stats.median(v);
        double spread = v.length < 2 || median <= 0 ? Double.NaN : (v[v.length - 1] - v[0]) / median;
        return new MemorySummary(runs, median, spread);
    }

    /** Whether every run gave a possible estimate. */
    public boolean valid() {
        return !runs.isEmpty() && runs.stream().allMatch(MemoryResult::valid);
    }
}
