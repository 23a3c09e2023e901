package dev.otpsim.metrics;

import dev.otpsim.config.Section;
import java.time.Duration;

/**
 * How windowed figures and retry storms are counted (scenario key {@code metrics}).
 *
 * <pre>
 * metrics {
 *   window = 10s              # width of one time-series window (simulated)
 *   storm {
 *     threshold = 0.10        # retry ratio above this ... (Google SRE retry budget)
 *     windows = 3             # ... for this many consecutive windows ...
 *     growth = 1.5            # ... while backlog or delivery p95 grows by this factor over the window before
 *     recovery = 2m           # metastable: it outlives its trigger (outage, capacity drop) by more than this
 *     min-sends = 10          # a window with fewer sends says nothing about a ratio (the run's drain)
 *   }
 * }
 * </pre>
 */
public record MetricsSpec(long windowMillis, double stormThreshold, int stormWindows, double stormGrowth,
                          long stormRecoveryMillis, int stormMinSends) {

    public static MetricsSpec defaults() {
        return new MetricsSpec(10_000, 0.10, 3, 1.5, 120_000, 10);
    }

    public static MetricsSpec read(Section s) {
        MetricsSpec d = defaults();
        long window = s.positiveDuration("window", Duration.ofMillis(d.windowMillis())).toMillis();
        double threshold = d.stormThreshold();
        int windows = d.stormWindows();
        double growth = d.stormGrowth();
        long recovery = d.stormRecoveryMillis();
        int minSends = d.stormMinSends();
        var storm = s.optionalSection("storm");
        if (storm.isPresent()) {
            Section st = storm.get();
            threshold = st.probability("threshold", threshold);
            windows = st.integer("windows", windows, 1, 1000);
            growth = st.number("growth", growth, 1.0, 1000.0);
            recovery = st.duration("recovery", Duration.ofMillis(recovery)).toMillis();
            minSends = st.integer("min-sends", minSends, 1, 1_000_000);
            st.finish();
        }
        s.finish();
        return new MetricsSpec(Math.max(1, window), threshold, windows, growth, recovery, minSends);
    }
}
