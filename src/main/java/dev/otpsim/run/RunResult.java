package dev.otpsim.run;

import dev.otpsim.metrics.RunSummary;
import java.nio.file.Path;

/**
 * What a finished run left behind, and the exit code it means (README, "Commands").
 *
 * @param runDir        {@code reports/<run-id>/}
 * @param summary       the headline figures (also in {@code summary.json})
 * @param gatlingReport Gatling's own {@code index.html}, or null when Gatling wrote none
 * @param cutOff        journeys still running when the run's time bound ended them (counted as error)
 */
public record RunResult(Path runDir, RunSummary summary, Path gatlingReport, long cutOff) {

    public static final int OK = 0;
    public static final int THRESHOLDS_FAILED = 1;
    public static final int RUN_FAILED = 3;
    public static final int INVALID = 4;

    public boolean thresholdsPassed() {
        return summary.thresholds().stream().allMatch(RunSummary.ThresholdResult::passed);
    }

    /**
     * 3 when the run produced no result (every journey failed, nothing reached the gateway), 4 when
     * scaled real time distorted its figures or the harness was over capacity, 1 when a threshold failed, else 0.
     */
    public int exitCode() {
        if (summary.has(RunSummary.RunProblem.Kind.NO_RESULT)) {
            return RUN_FAILED;
        }
        if (summary.has(RunSummary.RunProblem.Kind.HARNESS_LAG) || summary.has(RunSummary.RunProblem.Kind.OVER_CAPACITY)) {
            return INVALID;
        }
        return thresholdsPassed() ? OK : THRESHOLDS_FAILED;
    }
}
