package dev.otpsim.metrics;

import java.util.List;
import java.util.Map;

/**
 * The headline figures of one run, written as {@code summary.json} and read back by reports and
 * comparisons. Every figure is counted as SPEC.md says, from the ledger (ground truth), in
 * simulated time. Rates are fractions in [0, 1]; durations are simulated milliseconds.
 *
 * @param runId                 directory name under {@code reports/}
 * @param scenario              scenario name
 * @param scenarioFile          path of the scenario file as given
 * @param seed                  seed of every random draw
 * @param timeScale             simulated seconds per real second
 * @param startedAt             ISO-8601 wall-clock start
 * @param simulatedDurationMs   simulated time from start to the last journey's end
 * @param wallSeconds           real time the run took
 * @param journeys              journeys started
 * @param outcomes              journeys by outcome: success, abandoned, locked-out, error
 * @param submissions           submissions by ledger outcome: accepted, stale, expired, mistyped, locked,
 *                              rate-limited, error ("stale" includes stale codes the target accepted)
 * @param submissionCount       all submissions
 * @param staleAccepted         stale submissions the target accepted (any-unexpired, same-code)
 * @param staleSubmissionRate   stale submissions / all submissions
 * @param staleJourneyRate      journeys with ≥ 1 rejected stale submission / journeys
 * @param lockoutRate           journeys that hit a lock / journeys
 * @param lockedJourneys        journeys that hit a lock
 * @param selfInflictedLockouts locked journeys with no mistyped submission
 * @param sends                 code sends the target accepted (202)
 * @param sendAmplification     sends / journeys started (1.0 = no resends)
 * @param retryRatio            non-first sends / all sends, whole run
 * @param retryStorms           storm episodes (retry ratio above threshold for k windows while backlog or
 *                              delay grows)
 * @param timeToSignInMs        first send request → accepted submission, successful journeys only
 * @param deliveryLatencyMs     per channel: issue → visible in handset
 * @param messagesPerSuccess    per channel and "all": messages issued / successful journeys
 * @param goodput               successful journeys per simulated second
 * @param offeredRate           journeys started per simulated second
 * @param targetDisagreements   submissions where the target's answer contradicts the ledger
 * @param disagreements         disagreements by kind, e.g. "ledger=accepted target=invalid"
 * @param httpLatencyMs         per request type ("send", "verify"): real ms, measured from when due
 * @param lostMessages          by reason: loss, outage, queue-full, expired-unreachable
 * @param duplicatedMessages    extra copies carriers delivered
 * @param unknownRecipients     messages for addresses no simulated person has
 * @param thresholds            the scenario's thresholds and how this run did against them
 * @param warnings              what makes this run's figures less trustworthy (e.g. an overloaded harness)
 * @param carrierFaults         the scenario's outage windows and capacity drops: what may trigger a storm
 */
public record RunSummary(
        String runId,
        String scenario,
        String scenarioFile,
        long seed,
        double timeScale,
        String startedAt,
        long simulatedDurationMs,
        double wallSeconds,
        long journeys,
        Map<String, Long> outcomes,
        Map<String, Long> submissions,
        long submissionCount,
        long staleAccepted,
        double staleSubmissionRate,
        double staleJourneyRate,
        double lockoutRate,
        long lockedJourneys,
        long selfInflictedLockouts,
        long sends,
        double sendAmplification,
        double retryRatio,
        List<Storm> retryStorms,
        Percentiles timeToSignInMs,
        Map<String, Percentiles> deliveryLatencyMs,
        Map<String, Double> messagesPerSuccess,
        double goodput,
        double offeredRate,
        long targetDisagreements,
        Map<String, Long> disagreements,
        Map<String, Percentiles> httpLatencyMs,
        Map<String, Long> lostMessages,
        long duplicatedMessages,
        long unknownRecipients,
        List<ThresholdResult> thresholds,
        List<String> warnings,
        List<CarrierFault> carrierFaults) {

    /** This summary with the scenario's thresholds judged (they are judged against the summary itself). */
    public RunSummary withThresholds(List<ThresholdResult> results) {
        return new RunSummary(runId, scenario, scenarioFile, seed, timeScale, startedAt, simulatedDurationMs,
                wallSeconds, journeys, outcomes, submissions, submissionCount, staleAccepted, staleSubmissionRate,
                staleJourneyRate, lockoutRate, lockedJourneys, selfInflictedLockouts, sends, sendAmplification,
                retryRatio, retryStorms, timeToSignInMs, deliveryLatencyMs, messagesPerSuccess, goodput, offeredRate,
                targetDisagreements, disagreements, httpLatencyMs, lostMessages, duplicatedMessages, unknownRecipients,
                List.copyOf(results), warnings, carrierFaults);
    }

    /** Latency percentiles read from an HdrHistogram; all zero when {@code count == 0}. */
    public record Percentiles(long count, double mean, long p50, long p90, long p99, long max) {
    }

    /**
     * A retry storm: consecutive windows with retry ratio above the threshold while carrier
     * backlog or delivery delay grew.
     *
     * @param startMs          start of its first window (simulated)
     * @param lengthMs         duration of its windows together
     * @param windows          number of windows
     * @param peakRetryRatio   highest retry ratio in it
     * @param peakSendsPerWindow highest sends in one of its windows
     * @param triggerEndMs     end of the trigger (outage or capacity drop) it followed, or -1 if none known
     * @param metastable       it lasted longer than the recovery time after its trigger ended
     */
    public record Storm(long startMs, long lengthMs, int windows, double peakRetryRatio, long peakSendsPerWindow,
                        long triggerEndMs, boolean metastable) {
    }

    /**
     * A window of simulated time in which a carrier was impaired by the scenario's design.
     *
     * @param channel carrier, e.g. {@code sms}
     * @param kind    {@code outage-drop}, {@code outage-hold} or {@code capacity-drop}
     */
    public record CarrierFault(String channel, String kind, long startMs, long endMs) {
    }

    /** One threshold, e.g. {@code staleSubmissionRate < 0.01}, and the run's value. */
    public record ThresholdResult(String expression, String metric, double actual, boolean passed) {
    }
}
