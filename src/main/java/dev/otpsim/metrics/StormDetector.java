package dev.otpsim.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds retry storms in a window series (SPEC): retry ratio above a threshold for k consecutive
 * windows while carrier backlog or delivery delay grows; metastable when it lasts longer than a
 * recovery time after its trigger (an outage or a capacity drop) ended.
 *
 * <p>"Grows" means the episode's median backlog or median delivery p95 exceeds the median of
 * the windows before it by the growth factor — so people who simply resend into a healthy
 * network (ratio high, delay flat) are not a storm.
 */
public final class StormDetector {

    /** One window's figures, as the detector needs them. */
    public record Sample(long startMillis, long endMillis, double retryRatio, long sends, long firstSends,
                         long backlog, long deliveryP95Millis) {
        public static Sample of(WindowSample w) {
            return new Sample(w.startMillis(), w.endMillis(), w.retryRatio(), w.sends(), w.firstSends(),
                    w.totalBacklog(), w.maxDeliveryP95());
        }
    }

    /** A fault that can trigger a storm: it started and ended at these simulated times. */
    public record Trigger(long startMillis, long endMillis) {
        public static Trigger of(RunSummary.CarrierFault f) {
            return new Trigger(f.startMs(), f.endMs());
        }
    }

    /** Windows before an episode that form its baseline. */
    static final int BASELINE_WINDOWS = 6;
    /**
     * Windows a run must have behind it before a storm can begin: growth needs something to grow
     * from. Without it the first windows were compared with themselves, and steady runs against
     * a healthy external service reported a storm from 0 s.
     */
    static final int MIN_BASELINE_WINDOWS = 3;

    private final MetricsSpec spec;

    public StormDetector(MetricsSpec spec) {
        this.spec = spec;
    }

    public List<RunSummary.Storm> detect(List<Sample> windows, List<Trigger> triggers) {
        List<RunSummary.Storm> storms = new ArrayList<>();
        int i = 0;
        while (i < windows.size()) {
            if (!high(windows.get(i))) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < windows.size() && high(windows.get(j + 1))) {
                j++;
            }
            int from = Math.max(i, MIN_BASELINE_WINDOWS);
            if (j - from + 1 >= spec.stormWindows() && grows(windows, from, j)) {
                storms.add(storm(windows, from, j, triggers));
            }
            i = j + 1;
        }
        return storms;
    }

    /**
     * Retry ratio above the threshold, over enough sends for the ratio to mean something, while
     * people still arrive: the one storm rule. After the last arrival every send is a resend by
     * construction (the drain of a run: ratio 1.0 over the slowest journeys), which says nothing
     * about a storm.
     */
    public boolean high(Sample s) {
        return s.sends() >= spec.stormMinSends() && s.firstSends() > 0 && s.retryRatio() > spec.stormThreshold();
    }

    /** Marks the windows inside each storm, for the time series. */
    public static boolean[] inStorm(List<Sample> windows, List<RunSummary.Storm> storms) {
        boolean[] in = new boolean[windows.size()];
        for (RunSummary.Storm s : storms) {
            for (int w = 0; w < windows.size(); w++) {
                Sample x = windows.get(w);
                if (x.startMillis() >= s.startMs() && x.startMillis() < s.startMs() + s.lengthMs()) {
                    in[w] = true;
                }
            }
        }
        return in;
    }

    /**
     * Whether backlog or delivery p95 grew during the episode: the episode's median is above the
     * growth factor times the median of the windows before it (up to {@link #BASELINE_WINDOWS},
     * at least {@link #MIN_BASELINE_WINDOWS}). Medians, not peaks: a window's p95 of a few dozen
     * heavy-tailed delays jumps about on its own.
     */
    private boolean grows(List<Sample> w, int from, int to) {
        int baseFrom = Math.max(0, from - BASELINE_WINDOWS);
        int baseTo = from - 1;
        long baseBacklog = median(w, baseFrom, baseTo, Sample::backlog);
        long baseDelay = median(w, baseFrom, baseTo, Sample::deliveryP95Millis);
        long backlog = median(w, from, to, Sample::backlog);
        long delay = median(w, from, to, Sample::deliveryP95Millis);
        return (backlog > 0 && backlog > baseBacklog * spec.stormGrowth())
                || (delay > 0 && delay > baseDelay * spec.stormGrowth());
    }

    private static long median(List<Sample> w, int from, int to, java.util.function.ToLongFunction<Sample> f) {
        long[] v = new long[to - from + 1];
        for (int k = from; k <= to; k++) {
            v[k - from] = f.applyAsLong(w.get(k));
        }
        java.util.Arrays.sort(v);
        return v[v.length / 2];
    }

    private RunSummary.Storm storm(List<Sample> w, int from, int to, List<Trigger> triggers) {
        long start = w.get(from).startMillis();
        long end = w.get(to).endMillis();
        double peakRatio = 0;
        long peakSends = 0;
        for (int k = from; k <= to; k++) {
            peakRatio = Math.max(peakRatio, w.get(k).retryRatio());
            peakSends = Math.max(peakSends, w.get(k).sends());
        }
        // The trigger is the latest fault that began before the storm ended.
        long triggerEnd = -1;
        for (Trigger t : triggers) {
            if (t.startMillis() < end && t.endMillis() > triggerEnd) {
                triggerEnd = t.endMillis();
            }
        }
        boolean metastable = triggerEnd >= 0 && end > triggerEnd + spec.stormRecoveryMillis();
        return new RunSummary.Storm(start, end - start, to - from + 1, peakRatio, peakSends, triggerEnd, metastable);
    }
}
