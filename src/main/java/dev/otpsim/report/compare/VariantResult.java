package dev.otpsim.report.compare;

import dev.otpsim.metrics.RunSummary;
import java.nio.file.Path;
import java.util.Map;

/**
 * A variant that ran, with the figures its run wrote.
 *
 * @param variant        what ran
 * @param runDir         its run directory (holds {@code summary.json} and its own report)
 * @param summary        its {@code summary.json} (replications pooled)
 * @param perReplication each headline figure's value in each replication, in seed order
 *                       ({@code replications.csv}): what paired differences are made of
 */
public record VariantResult(Variant variant, Path runDir, RunSummary summary, Map<String, double[]> perReplication) {

    /** A result without per-replication values (one run, or a run directory written before they existed). */
    public VariantResult(Variant variant, Path runDir, RunSummary summary) {
        this(variant, runDir, summary, Map.of());
    }

    /** Whether its figures are a result (no harness lag, no failed run): only those compete for "best". */
    public boolean valid() {
        return summary.valid();
    }
}
