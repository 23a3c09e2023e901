package dev.otpsim.report.compare;

import java.nio.file.Path;

/**
 * Runs the variants of a comparison. The run engine implements it; comparisons only orchestrate,
 * so they never depend on how a run works. One runner serves every variant of a sweep, so it may
 * keep expensive things (an actor system, servers) open until {@link #close()}.
 */
public interface VariantRunner extends AutoCloseable {

    /**
     * Validates a variant's scenario the way a run would, sending no load. A comparison checks
     * every variant before running the first, so a bad value fails in seconds, not after an hour.
     *
     * @throws dev.otpsim.config.ScenarioException with every problem found
     */
    void check(Variant variant);

    /**
     * Runs {@code variant} to the end and writes its run directory ({@code summary.json},
     * {@code timeseries.csv}, HdrHistogram logs, scenario, ideally its {@code index.html}) at
     * {@code runDir}, which does not exist yet.
     *
     * @return the run directory written, normally {@code runDir}
     */
    Path run(Variant variant, Path runDir) throws Exception;

    /** Releases what the runner kept open between variants (no checked exceptions: wrap them). */
    @Override
    default void close() {
        // Runners that keep nothing open between variants have nothing to release.
    }

}
