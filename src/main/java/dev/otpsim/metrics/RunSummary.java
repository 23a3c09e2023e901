package dev.otpsim.metrics;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;

/**

 * The headline figures of one run (or of its replications pooled), written as
 * {@code summary.json} and read back by reports and comparisons. Every figure is counted from the
 * ledger (ground truth), in simulated time, as the README's "How the figures are counted" says.
 * Rates are fractions in [0, 1]; durations are simulated milliseconds. Nothing here depends on
 * the wall clock — run id, start time and wall time live in {@code run-info.json} — so a
 * virtual-time run with the same scenario and seed writes the same bytes.
 *
 *
 * <p>The fields are grouped in nested records, each written flat into summary.json
 * ({@code @JsonUnwrapped}), so the file's fields and their order are as they were; every field
 * keeps its accessor here ({@code s.journeys()}).
 *
 * @param whatRan what ran: the scenario, the engine, the seeds and the simulated time
 * @param validity whether the figures are a result
 * @param journeyCounts journeys and how they ended
 * @param submissionCounts submissions by ledger outcome and the stale-code figures
 * @param lockouts locks, dead codes and account recovery
 * @param sendCounts sends, resends and retry storms
 * @param times time to sign in, delivery latency, messages per success and rates
 * @param targetAndHarness disagreements with the target and the harness's own latency
 * @param carrierCounts what carriers lost, duplicated or could not deliver
 * @param trust how far to trust the figures: intervals, thresholds, warnings, faults, definitions, refusals
 */
public record RunSummary(
        @JsonUnwrapped WhatRan whatRan,
        @JsonUnwrapped Validity validity,
        @JsonUnwrapped JourneyCounts journeyCounts,
        @JsonUnwrapped SubmissionCounts submissionCounts,
        @JsonUnwrapped Lockouts lockouts,
        @JsonUnwrapped SendCounts sendCounts,
        @JsonUnwrapped Times times,
        @JsonUnwrapped TargetAndHarness targetAndHarness,
        @JsonUnwrapped CarrierCounts carrierCounts,
        @JsonUnwrapped Trust trust) {

    /** scenario name */
    public String scenario() {
        return whatRan.scenario();
    }

    /** path of the scenario file as given */
    public String scenarioFile() {
        return whatRan.scenarioFile();
    }

    /** {@code virtual} (discrete-event, exact) or {@code gatling} (scaled real time) */
    public String engine() {
        return whatRan.engine();
    }

    /** the base seed */
    public long seed() {
        return whatRan.seed();
    }

    /** runs pooled in this summary, each with its own seed ({@code seeds}) */
    public int replications() {
        return whatRan.replications();
    }

    /** the seed of each replication, the base seed first */
    public List<Long> seeds() {
        return whatRan.seeds();
    }

    /** simulated seconds per real second (gatling engine; infinite in virtual time) */
    public double timeScale() {
        return whatRan.timeScale();
    }

    /** simulated time from start to the last journey's end (of the first replication) */
    public long simulatedDurationMs() {
        return whatRan.simulatedDurationMs();
    }

    /** false when {@code problems} says the figures are not a result */
    public boolean valid() {
        return validity.valid();
    }

    /** why the figures cannot be trusted or the run failed (empty for a good run) */
    public List<RunProblem> problems() {
        return validity.problems();
    }

    /** journeys started */
    public long journeys() {
        return journeyCounts.journeys();
    }

    /** journeys by outcome: success, abandoned, locked-out, error */
    public Map<String, Long> outcomes() {
        return journeyCounts.outcomes();
    }

    /** submissions by ledger outcome: accepted, stale, expired, mistyped, code-dead, locked, rate-limited, error ("stale" includes stale codes the target accepted and those also past their validity) */
    public Map<String, Long> submissions() {
        return submissionCounts.submissions();
    }

    /** all submissions */
    public long submissionCount() {
        return submissionCounts.submissionCount();
    }

    /** stale submissions the target accepted (any-unexpired, same-code) */
    public long staleAccepted() {
        return submissionCounts.staleAccepted();
    }

    /** stale submissions whose code had also run out (counted stale, not expired) */
    public long stalePastTtl() {
        return submissionCounts.stalePastTtl();
    }

    /** stale submissions / all submissions */
    public double staleSubmissionRate() {
        return submissionCounts.staleSubmissionRate();
    }

    /** journeys with ≥ 1 rejected stale submission / journeys */
    public double staleJourneyRate() {
        return submissionCounts.staleJourneyRate();
    }

    /** journeys that hit a lock / journeys */
    public double lockoutRate() {
        return lockouts.lockoutRate();
    }

    /** journeys that hit a lock */
    public long lockedJourneys() {
        return lockouts.lockedJourneys();
    }

    /** locked journeys with no mistyped submission */
    public long selfInflictedLockouts() {
        return lockouts.selfInflictedLockouts();
    }

    /** journeys in which the target burned a typed code ("code-dead") */
    public long deadCodeJourneys() {
        return lockouts.deadCodeJourneys();
    }

    /** journeys that ended in account recovery / journeys */
    public double recoveryRate() {
        return lockouts.recoveryRate();
    }

    /** those journeys, what they cost and how long each person waits for access */
    public Recovery recovery() {
        return lockouts.recovery();
    }

    /** code sends the target accepted */
    public long sends() {
        return sendCounts.sends();
    }

    /** sends / journeys started (1.0 = no resends) */
    public double sendAmplification() {
        return sendCounts.sendAmplification();
    }

    /** non-first sends / all sends, whole run */
    public double retryRatio() {
        return sendCounts.retryRatio();
    }

    /** accepted sends whose code never reached the gateway */
    public long sendsWithoutCode() {
        return sendCounts.sendsWithoutCode();
    }

    /** storm episodes (of the first replication) */
    public List<Storm> retryStorms() {
        return sendCounts.retryStorms();
    }

    /** first send request → accepted submission, successful journeys only */
    public Percentiles timeToSignInMs() {
        return times.timeToSignInMs();
    }

    /** per channel: issue → visible in handset */
    public Map<String, Percentiles> deliveryLatencyMs() {
        return times.deliveryLatencyMs();
    }

    /** per channel and "all": messages issued / successful journeys */
    public Map<String, Double> messagesPerSuccess() {
        return times.messagesPerSuccess();
    }

    /** successful journeys per simulated second */
    public double goodput() {
        return times.goodput();
    }

    /** journeys started per simulated second */
    public double offeredRate() {
        return times.offeredRate();
    }

    /** submissions where the target's answer contradicts the ledger */
    public long targetDisagreements() {
        return targetAndHarness.targetDisagreements();
    }

    /** disagreements by kind, e.g. "ledger=accepted target=invalid" */
    public Map<String, Long> disagreements() {
        return targetAndHarness.disagreements();
    }

    /** per request type ("send", "verify"): real ms, measured from when due (gatling) */
    public Map<String, Percentiles> httpLatencyMs() {
        return targetAndHarness.httpLatencyMs();
    }

    /** the harness's own delay in simulated ms at p99: "send", "verify" (request lag × time-scale), "delivery" (carrier timer lateness); zero in virtual time */
    public Map<String, Long> harnessLagMs() {
        return targetAndHarness.harnessLagMs();
    }

    /** by reason: loss, outage, queue-full, expired-unreachable */
    public Map<String, Long> lostMessages() {
        return carrierCounts.lostMessages();
    }

    /** extra copies carriers delivered */
    public long duplicatedMessages() {
        return carrierCounts.duplicatedMessages();
    }

    /** messages for addresses no simulated person has */
    public long unknownRecipients() {
        return carrierCounts.unknownRecipients();
    }

    /** every headline figure with its sample size and 95 % interval, by name */
    public Map<String, Estimate> estimates() {
        return trust.estimates();
    }

    /** the scenario's thresholds and how this run did against them */
    public List<ThresholdResult> thresholds() {
        return trust.thresholds();
    }

    /** what makes figures less trustworthy without invalidating them (e.g. partial) */
    public List<String> warnings() {
        return trust.warnings();
    }

    /** the scenario's outage windows and capacity drops: what may trigger a storm */
    public List<CarrierFault> carrierFaults() {
        return trust.carrierFaults();
    }

    /** how the subtle figures are counted, in words (dating, precedence) */
    public Map<String, String> definitions() {
        return trust.definitions();
    }

    /** what the carrier gateway refused (wrong path, no code in the text, SMTP refusals), by via, request, status and reason, the most frequent first; empty when the run had no gateway listener (virtual time) */
    public List<dev.otpsim.carrier.gateway.GatewayRefusals.Refusal> gatewayRefusals() {
        return trust.gatewayRefusals();
    }

    /**
     * What ran: the scenario, the engine, the seeds and the simulated time.
     *
     * @param scenario scenario name
     * @param scenarioFile path of the scenario file as given
     * @param engine {@code virtual} (discrete-event, exact) or {@code gatling} (scaled real time)
     * @param seed the base seed
     * @param replications runs pooled in this summary, each with its own seed ({@code seeds})
     * @param seeds the seed of each replication, the base seed first
     * @param timeScale simulated seconds per real second (gatling engine; infinite in virtual time)
     * @param simulatedDurationMs simulated time from start to the last journey's end (of the first replication)
     */
    public record WhatRan(String scenario, String scenarioFile, String engine, long seed, int replications, List<Long> seeds, double timeScale, long simulatedDurationMs) {
    }

    /**
     * Whether the figures are a result.
     *
     * @param valid false when {@code problems} says the figures are not a result
     * @param problems why the figures cannot be trusted or the run failed (empty for a good run)
     */
    public record Validity(boolean valid, List<RunProblem> problems) {
    }

    /**
     * Journeys and how they ended.
     *
     * @param journeys journeys started
     * @param outcomes journeys by outcome: success, abandoned, locked-out, error
     */
    public record JourneyCounts(long journeys, Map<String, Long> outcomes) {
    }

    /**
     * Submissions by ledger outcome and the stale-code figures.
     *
     * @param submissions submissions by ledger outcome: accepted, stale, expired, mistyped, code-dead, locked, rate-limited, error ("stale" includes stale codes the target accepted and those also past their validity)
     * @param submissionCount all submissions
     * @param staleAccepted stale submissions the target accepted (any-unexpired, same-code)
     * @param stalePastTtl stale submissions whose code had also run out (counted stale, not expired)
     * @param staleSubmissionRate stale submissions / all submissions
     * @param staleJourneyRate journeys with ≥ 1 rejected stale submission / journeys
     */
    public record SubmissionCounts(Map<String, Long> submissions, long submissionCount, long staleAccepted, long stalePastTtl, double staleSubmissionRate, double staleJourneyRate) {
    }

    /**
     * Locks, dead codes and account recovery.
     *
     * @param lockoutRate journeys that hit a lock / journeys
     * @param lockedJourneys journeys that hit a lock
     * @param selfInflictedLockouts locked journeys with no mistyped submission
     * @param deadCodeJourneys journeys in which the target burned a typed code ("code-dead")
     * @param recoveryRate journeys that ended in account recovery / journeys
     * @param recovery those journeys, what they cost and how long each person waits for access
     */
    public record Lockouts(double lockoutRate, long lockedJourneys, long selfInflictedLockouts, long deadCodeJourneys, double recoveryRate, Recovery recovery) {
    }

    /**
     * Sends, resends and retry storms.
     *
     * @param sends code sends the target accepted
     * @param sendAmplification sends / journeys started (1.0 = no resends)
     * @param retryRatio non-first sends / all sends, whole run
     * @param sendsWithoutCode accepted sends whose code never reached the gateway
     * @param retryStorms storm episodes (of the first replication)
     */
    public record SendCounts(long sends, double sendAmplification, double retryRatio, long sendsWithoutCode, List<Storm> retryStorms) {
    }

    /**
     * Time to sign in, delivery latency, messages per success and rates.
     *
     * @param timeToSignInMs first send request → accepted submission, successful journeys only
     * @param deliveryLatencyMs per channel: issue → visible in handset
     * @param messagesPerSuccess per channel and "all": messages issued / successful journeys
     * @param goodput successful journeys per simulated second
     * @param offeredRate journeys started per simulated second
     */
    public record Times(Percentiles timeToSignInMs, Map<String, Percentiles> deliveryLatencyMs, Map<String, Double> messagesPerSuccess, double goodput, double offeredRate) {
    }

    /**
     * Disagreements with the target and the harness's own latency.
     *
     * @param targetDisagreements submissions where the target's answer contradicts the ledger
     * @param disagreements disagreements by kind, e.g. "ledger=accepted target=invalid"
     * @param httpLatencyMs per request type ("send", "verify"): real ms, measured from when due (gatling)
     * @param harnessLagMs the harness's own delay in simulated ms at p99: "send", "verify" (request lag × time-scale), "delivery" (carrier timer lateness); zero in virtual time
     */
    public record TargetAndHarness(long targetDisagreements, Map<String, Long> disagreements, Map<String, Percentiles> httpLatencyMs, Map<String, Long> harnessLagMs) {
    }

    /**
     * What carriers lost, duplicated or could not deliver.
     *
     * @param lostMessages by reason: loss, outage, queue-full, expired-unreachable
     * @param duplicatedMessages extra copies carriers delivered
     * @param unknownRecipients messages for addresses no simulated person has
     */
    public record CarrierCounts(Map<String, Long> lostMessages, long duplicatedMessages, long unknownRecipients) {
    }

    /**
     * How far to trust the figures: intervals, thresholds, warnings, faults, definitions, refusals.
     *
     * @param estimates every headline figure with its sample size and 95 % interval, by name
     * @param thresholds the scenario's thresholds and how this run did against them
     * @param warnings what makes figures less trustworthy without invalidating them (e.g. partial)
     * @param carrierFaults the scenario's outage windows and capacity drops: what may trigger a storm
     * @param definitions how the subtle figures are counted, in words (dating, precedence)
     * @param gatewayRefusals what the carrier gateway refused (wrong path, no code in the text, SMTP refusals), by via, request, status and reason, the most frequent first; empty when the run had no gateway listener (virtual time)
     */
    public record Trust(Map<String, Estimate> estimates, List<ThresholdResult> thresholds, List<String> warnings, List<CarrierFault> carrierFaults, Map<String, String> definitions, List<dev.otpsim.carrier.gateway.GatewayRefusals.Refusal> gatewayRefusals) {
    }


    public static final String VIRTUAL = "virtual";
    public static final String GATLING = "gatling";

    /** This summary with the scenario's thresholds judged (they are judged against the summary itself). */
    public RunSummary withThresholds(List<ThresholdResult> results) {
        return withTrust(new Trust(estimates(), List.copyOf(results), warnings(), carrierFaults(), definitions(),
                gatewayRefusals()));
    }

    /** This summary with more problems: any problem makes it invalid. */
    public RunSummary withProblems(List<RunProblem> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<RunProblem> all = new java.util.ArrayList<>(problems());
        all.addAll(more);
        return new RunSummary(whatRan, new Validity(false, List.copyOf(all)), journeyCounts, submissionCounts,
                lockouts, sendCounts, times, targetAndHarness, carrierCounts, trust);
    }

    /** This summary with these warnings instead of its own. */
    public RunSummary withWarnings(List<String> replaced) {
        return withTrust(new Trust(estimates(), thresholds(), List.copyOf(replaced), carrierFaults(), definitions(),
                gatewayRefusals()));
    }

    /** This summary with what the carrier gateway refused during the run. */
    public RunSummary withGatewayRefusals(List<dev.otpsim.carrier.gateway.GatewayRefusals.Refusal> refused) {
        return withTrust(new Trust(estimates(), thresholds(), warnings(), carrierFaults(), definitions(),
                List.copyOf(refused)));
    }

    private RunSummary withTrust(Trust replaced) {
        return new RunSummary(whatRan, validity, journeyCounts, submissionCounts, lockouts, sendCounts, times,
                targetAndHarness, carrierCounts, replaced);
    }

    /** Whether a problem of this kind is among the summary's problems. */
    public boolean has(RunProblem.Kind kind) {
        return problems().stream().anyMatch(p -> p.kind() == kind);
    }

    /** The estimate of a headline figure by name (see {@link SummaryBuilder#FIGURES}), or null. */
    public Estimate estimate(String figure) {
        return estimates() == null ? null : estimates().get(figure);
    }

    /**
     * Journeys that ended in account recovery ({@code recovery} in a person's fallback order).
     *
     * @param journeys    how many
     * @param costPerCase the scenario's {@code recovery.cost}
     * @param cost        journeys × cost per case
     * @param currency    the scenario's {@code recovery.currency}
     * @param delayMs     how long each person waits for access after starting recovery (simulated)
     */
    public record Recovery(long journeys, double costPerCase, double cost, String currency, long delayMs) {
    }

    /** Latency percentiles read from an HdrHistogram; all zero when {@code count == 0}. */
    public record Percentiles(long count, double mean, long p50, long p90, long p99, long max) {
    }

    /**
     * Why a run's figures are not a result.
     *
     * @param kind    {@code harness-lag}: scaled real time distorted the figures (exit 4);
     *                {@code over-capacity}: the harness could not carry the offered load and the
     *                load was stopped (exit 4);
     *                {@code no-result}: the run produced nothing a figure could be read from (exit 3)
     * @param message what happened, in words, naming the cause
     */
    public record RunProblem(Kind kind, String message) {
        public enum Kind {
            HARNESS_LAG, OVER_CAPACITY, NO_RESULT;

            @com.fasterxml.jackson.annotation.JsonValue
            public String id() {
                return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            }
        }
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
