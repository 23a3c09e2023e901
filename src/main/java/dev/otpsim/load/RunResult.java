package dev.otpsim.load;

import dev.otpsim.metrics.RunSummary;
import java.nio.file.Path;

/**
 * What a finished run left behind.
 *
 * @param runDir        {@code reports/<run-id>/}
 * @param summary       the headline figures (also in {@code summary.json})
 * @param gatlingReport Gatling's own {@code index.html}, or null when Gatling wrote none
 * @param cutOff        journeys still running when the run's time bound ended them (counted as error)
 */
public record RunResult(Path runDir, RunSummary summary, Path gatlingReport, long cutOff) {

    public boolean thresholdsPassed() {
        return summary.thresholds().stream().allMatch(RunSummary.ThresholdResult::passed);
    }
}
