package dev.otpsim.metrics;

import dev.otpsim.carrier.LossReason;
import dev.otpsim.handset.Channel;
import dev.otpsim.ledger.SubmissionOutcome;
import dev.otpsim.person.JourneyOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Computes {@link RunSummary} from the run's aggregates: this is where every headline figure's
 * formula lives (SPEC "How each figure is counted").
 */
public final class SummaryBuilder {
    private SummaryBuilder() {
    }

    /** Identity and timing of the run, which the metrics do not know. */
    public record RunInfo(String runId, String scenario, String scenarioFile, long seed, double timeScale,
                          String startedAt, long simulatedDurationMs, double wallSeconds, Set<Channel> channels,
                          boolean partial) {
    }

    private static List<String> warnings(RunInfo info, Map<String, RunSummary.Percentiles> http) {
        List<String> w = new ArrayList<>();
        if (info.partial()) {
            w.add(PARTIAL);
        }
        w.addAll(harnessWarnings(info, http));
        return w;
    }

    public static RunSummary build(RunInfo info, RunMetrics m, WindowWriter windows, List<RunSummary.Storm> storms,
                                   List<RunSummary.CarrierFault> faults, List<Threshold> thresholds) {
        long journeys = m.journeys();
        Map<String, Long> outcomes = new LinkedHashMap<>();
        for (JourneyOutcome o : JourneyOutcome.values()) {
            outcomes.put(o.id(), m.count(o));
        }
        Map<String, Long> submissions = new LinkedHashMap<>();
        for (SubmissionOutcome o : SubmissionOutcome.values()) {
            submissions.put(o.id(), m.count(o));
        }
        long submissionCount = m.submissions();
        long successes = m.count(JourneyOutcome.SUCCESS);
        long sends = m.sends();
        long firstSends = m.firstSends.sum();

        Map<String, RunSummary.Percentiles> delivery = new LinkedHashMap<>();
        Map<String, Double> perSuccess = new LinkedHashMap<>();
        long allIssued = 0;
        for (Channel c : Channel.values()) {
            if (!info.channels().contains(c)) {
                continue;
            }
            delivery.put(c.id(), percentiles(windows.deliveryTotal(c), 1));
            long issued = m.issued[c.ordinal()].sum();
            allIssued += issued;
            perSuccess.put(c.id(), ratio(issued, successes));
        }
        perSuccess.put("all", ratio(allIssued, successes));

        Map<String, RunSummary.Percentiles> http = new LinkedHashMap<>();
        http.put("send", percentiles(windows.httpSendTotalMicros(), 1000));
        http.put("verify", percentiles(windows.httpVerifyTotalMicros(), 1000));

        Map<String, Long> lost = new LinkedHashMap<>();
        for (LossReason r : LossReason.values()) {
            lost.put(r.id(), m.lost[r.ordinal()].sum());
        }
        Map<String, Long> disagreements = m.disagreementCounts();
        long disagreementCount = disagreements.values().stream().mapToLong(Long::longValue).sum();
        double simSeconds = Math.max(1, info.simulatedDurationMs()) / 1000.0;

        RunSummary draft = new RunSummary(info.runId(), info.scenario(), info.scenarioFile(), info.seed(),
                info.timeScale(), info.startedAt(), info.simulatedDurationMs(), info.wallSeconds(),
                journeys, outcomes, submissions, submissionCount, m.staleAccepted.sum(),
                ratio(m.count(SubmissionOutcome.STALE), submissionCount),
                ratio(m.staleJourneys.sum(), journeys),
                ratio(m.lockedJourneys.sum(), journeys),
                m.lockedJourneys.sum(), m.selfInflictedLockouts.sum(),
                sends, ratio(sends, journeys), ratio(sends - firstSends, sends),
                storms, percentiles(windows.timeToSignInTotal(), 1), delivery, perSuccess,
                successes / simSeconds, journeys / simSeconds,
                disagreementCount, disagreements, http, lost, m.duplicated.sum(), m.unknownRecipients.sum(),
                List.of(), warnings(info, http), List.copyOf(faults));
        List<RunSummary.ThresholdResult> results = new ArrayList<>();
        for (Threshold t : thresholds) {
            results.add(t.evaluate(draft));
        }
        return draft.withThresholds(results);
    }

    /** Marks a summary written while the run goes: what a killed run leaves behind. */
    public static final String PARTIAL = "partial: the run had not finished when this summary was written "
            + "(journeys still running are not counted as ended; storms are those found so far)";

    /**
     * Real latency counts as simulated time multiplied by the time-scale. When requests took
     * long from when they were due — the machine was too busy for this time-scale — timing
     * figures carry the harness's own delay, and the run says so.
     */
    static List<String> harnessWarnings(RunInfo info, Map<String, RunSummary.Percentiles> http) {
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, RunSummary.Percentiles> e : http.entrySet()) {
            long p99 = e.getValue().p99();
            double simulated = p99 * info.timeScale();
            if (e.getValue().count() > 0 && simulated > HARNESS_LAG_LIMIT_MS) {
                warnings.add(String.format(java.util.Locale.ROOT,
                        "%s requests took %d ms real at p99 from when they were due: %.1f s of simulated time at "
                                + "time-scale %s. The machine was too busy for this time-scale, so times to sign in "
                                + "and stale codes include the harness's own delay; run again with a lower --time-scale.",
                        e.getKey(), p99, simulated / 1000.0, info.timeScale()));
            }
        }
        return warnings;
    }

    /** Simulated ms of request lag (p99) beyond which timing figures are called into question. */
    static final long HARNESS_LAG_LIMIT_MS = 2_000;

    /** Percentiles in milliseconds from a histogram recorded in units of {@code 1/unitsPerMs} ms. */
    static RunSummary.Percentiles percentiles(Histogram h, long unitsPerMs) {
        if (h.getTotalCount() == 0) {
            return new RunSummary.Percentiles(0, 0, 0, 0, 0, 0);
        }
        return new RunSummary.Percentiles(h.getTotalCount(), h.getMean() / unitsPerMs,
                toMs(h.getValueAtPercentile(50), unitsPerMs), toMs(h.getValueAtPercentile(90), unitsPerMs),
                toMs(h.getValueAtPercentile(99), unitsPerMs), toMs(h.getMaxValue(), unitsPerMs));
    }

    private static long toMs(long v, long unitsPerMs) {
        return unitsPerMs == 1 ? v : Math.round((double) v / unitsPerMs);
    }

    private static double ratio(long n, long d) {
        return d == 0 ? 0.0 : (double) n / d;
    }
}
