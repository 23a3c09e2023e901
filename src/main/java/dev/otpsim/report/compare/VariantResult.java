package dev.otpsim.report.compare;

import dev.otpsim.metrics.RunSummary;
import java.nio.file.Path;

/**
 * A variant that ran, with the figures its run wrote.
 *
 * @param variant  what ran
 * @param runDir   its run directory (holds {@code summary.json} and its own report)
 * @param summary  its {@code summary.json}
 */
public record VariantResult(Variant variant, Path runDir, RunSummary summary) {
}
