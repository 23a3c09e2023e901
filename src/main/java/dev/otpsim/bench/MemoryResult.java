package dev.otpsim.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Heap retained per completed journey, from heap-after-GC samples of one run at a constant rate.
 *
 * <p>The heap moves in two ways besides what journeys leave behind: a wobble (the journeys in
 * flight at each sample, buffers half full) and steps that have nothing to do with journeys (a
 * buffer pool taking a multi-megabyte chunk, a table doubling). The estimate takes the intervals
 * between neighbouring samples, sets aside those whose slope is a step — further from the median
 * interval slope than five (scaled) median absolute deviations — and divides the heap growth
 * over the intervals kept by the journeys completed in them. Over neighbouring intervals the
 * wobble of the samples in between cancels, so the estimate has the noise of a few samples spread
 * over every journey of the run, not of one interval's few thousand: the estimator it replaces,
 * the median of the intervals' slopes, read between −9,877 and 3,407 bytes on the same kind of
 * run. A pairwise (Theil–Sen) slope does not do: a step half-way straddles most pairs.
 *
 * <p>A negative or non-finite estimate is impossible for retained memory: the measurement failed
 * ({@link #valid()} false) and never counts as meeting a goal.
 *
 * @param offeredPerSecond journeys started per real second
 * @param journeys         journeys the run started
 * @param samples          heap samples in order
 * @param bytesPerJourney  the estimate, bytes per completed journey
 * @param lowBytes         lower end of its 95 % interval (weighted mean of the kept intervals' slopes ± 1.96 s.e.)
 * @param highBytes        upper end of that interval
 * @param runDir           where the run's own reports are
 * @param failure          why the run gave no estimate (too few samples before its load ended), else null
 */
public record MemoryResult(double offeredPerSecond, long journeys, List<Sample> samples, double bytesPerJourney,
                           double lowBytes, double highBytes, String runDir, String failure) {

    /** Heap after full GC at a simulated time, with the journeys completed and still running then. */
    public record Sample(long simMillis, long heapUsedBytes, long journeysEnded, int running) {
    }

    public MemoryResult {
        samples = List.copyOf(samples);
    }

    /** A result from samples, with its estimate and interval. */
    static MemoryResult of(double offeredPerSecond, long journeys, List<Sample> samples, String runDir) {
        double[] e = estimate(samples);
        return new MemoryResult(offeredPerSecond, journeys, samples, e[0], e[1], e[2], runDir, null);
    }

    /** A run that gave no estimate, and why. */
    static MemoryResult failed(double offeredPerSecond, long journeys, List<Sample> samples, String runDir,
                               String why) {
        return new MemoryResult(offeredPerSecond, journeys, samples, Double.NaN, Double.NaN, Double.NaN, runDir, why);
    }

    /** Whether the estimate is a possible amount of retained memory: finite and not negative. */
    public boolean valid() {
        return failure == null && Double.isFinite(bytesPerJourney) && bytesPerJourney >= 0;
    }

    /** Journeys completed between the first and last sample. */
    public long journeysBetween() {
        return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).journeysEnded() - samples.get(0).journeysEnded();
    }

    static List<Sample> of(List<RunProbe.HeapSample> s) {
        return s.stream().map(h -> new Sample(h.simMillis(), h.heapUsedBytes(), h.journeysEnded(), h.running()))
                .toList();
    }

    /** Bytes per completed journey in each interval between neighbouring samples (empty intervals skipped). */
    public List<Double> intervalSlopes() {
        List<Double> out = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            long j = samples.get(i).journeysEnded() - samples.get(i - 1).journeysEnded();
            if (j > 0) {
                out.add((double) (samples.get(i).heapUsedBytes() - samples.get(i - 1).heapUsedBytes()) / j);
            }
        }
        return out;
    }

    /** A step: further from the median interval slope than this many scaled median absolute deviations. */
    static final double STEP_MADS = 5;

    /**
     * {estimate, low, high}: heap growth over the intervals that are no step / journeys completed
     * in them, and a 95 % interval; NaN when no interval has journeys.
     */
    static double[] estimate(List<Sample> samples) {
        int n = samples.size() - 1;
        double[] slope = new double[n];
        long[] journeys = new long[n];
        long[] grew = new long[n];
        int k = 0;
        for (int i = 1; i < samples.size(); i++) {
            long j = samples.get(i).journeysEnded() - samples.get(i - 1).journeysEnded();
            if (j > 0) {
                journeys[k] = j;
                grew[k] = samples.get(i).heapUsedBytes() - samples.get(i - 1).heapUsedBytes();
                slope[k] = (double) grew[k] / j;
                k++;
            }
        }
        if (k == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double[] sorted = java.util.Arrays.copyOf(slope, k);
        java.util.Arrays.sort(sorted);
        double median = Stats.median(sorted);
        double[] dev = new double[k];
        for (int i = 0; i < k; i++) {
            dev[i] = Math.abs(slope[i] - median);
        }
        java.util.Arrays.sort(dev);
        double limit = STEP_MADS * 1.4826 * Stats.median(dev);
        long sumJ = 0, sumGrew = 0;
        for (int i = 0; i < k; i++) {
            if (Math.abs(slope[i] - median) <= limit) {
                sumJ += journeys[i];
                sumGrew += grew[i];
            }
        }
        double est = (double) sumGrew / sumJ;
        double var = 0;
        for (int i = 0; i < k; i++) {
            if (Math.abs(slope[i] - median) <= limit) {
                double w = journeys[i];
                var += w * w * (slope[i] - est) * (slope[i] - est);
            }
        }
        double se = Math.sqrt(var) / sumJ;
        return new double[] {est, est - 1.96 * se, est + 1.96 * se};
    }
}
