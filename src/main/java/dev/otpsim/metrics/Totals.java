package dev.otpsim.metrics;

import dev.otpsim.carrier.impairment.LossReason;
import dev.otpsim.handset.Channel;
import dev.otpsim.ledger.SubmissionOutcome;
import dev.otpsim.person.JourneyOutcome;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * A run's aggregates at one moment, as {@link RunMetrics#totals()} hands them out: every count
 * and whole-run histogram a summary is computed from. Immutable and mergeable ({@link #merge}):
 * replications, or shards of one run, add up losslessly.
 *
 * @param deliveryLatency per channel in play, issue → visible (simulated ms)
 * @param timeToSignIn    first send request → accepted submission (simulated ms)
 * @param httpSend        send request latency from when due (real µs; empty in virtual time)
 * @param httpVerify      verify request latency from when due (real µs; empty in virtual time)
 * @param deliveryLateness how late carriers delivered against their plan (simulated ms; 0s in virtual time)
 * @param sendsPerJourney sum of accepted sends over ended journeys, and of their squares (for an interval)
 */
public record Totals(long journeys, Map<JourneyOutcome, Long> journeyOutcomes,
                     Map<SubmissionOutcome, Long> submissionOutcomes, long staleAccepted, long stalePastTtl,
                     long staleJourneys, long lockedJourneys, long selfInflictedLockouts, long deadCodeJourneys,
                     long sends, long firstSends, long sendsWithoutCode, long sendsPerJourney,
                     long sendsPerJourneySquared, Map<Channel, Long> issued, Map<LossReason, Long> lost,
                     long duplicated, long unknownRecipients, Map<String, Long> disagreements,
                     Map<Channel, Histogram> deliveryLatency, Histogram timeToSignIn, Histogram httpSend,
                     Histogram httpVerify, Histogram deliveryLateness) {

    public long count(JourneyOutcome o) {
        return journeyOutcomes.getOrDefault(o, 0L);
    }

    public long count(SubmissionOutcome o) {
        return submissionOutcomes.getOrDefault(o, 0L);
    }

    public long journeysEnded() {
        return journeyOutcomes.values().stream().mapToLong(Long::longValue).sum();
    }

    public long submissions() {
        return submissionOutcomes.values().stream().mapToLong(Long::longValue).sum();
    }

    public long issued(Channel c) {
        return issued.getOrDefault(c, 0L);
    }

    public long allIssued() {
        return issued.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Another replication or shard added in. */
    public Totals merge(Totals o) {
        Map<Channel, Histogram> delivery = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) {
            if (deliveryLatency.containsKey(c) || o.deliveryLatency.containsKey(c)) {
                delivery.put(c, add(deliveryLatency.get(c), o.deliveryLatency.get(c)));
            }
        }
        return new Totals(journeys + o.journeys, sum(journeyOutcomes, o.journeyOutcomes, JourneyOutcome.class),
                sum(submissionOutcomes, o.submissionOutcomes, SubmissionOutcome.class), staleAccepted + o.staleAccepted,
                stalePastTtl + o.stalePastTtl, staleJourneys + o.staleJourneys, lockedJourneys + o.lockedJourneys,
                selfInflictedLockouts + o.selfInflictedLockouts, deadCodeJourneys + o.deadCodeJourneys,
                sends + o.sends, firstSends + o.firstSends, sendsWithoutCode + o.sendsWithoutCode,
                sendsPerJourney + o.sendsPerJourney, sendsPerJourneySquared + o.sendsPerJourneySquared,
                sum(issued, o.issued, Channel.class), sum(lost, o.lost, LossReason.class),
                duplicated + o.duplicated, unknownRecipients + o.unknownRecipients,
                sumStrings(disagreements, o.disagreements), delivery, add(timeToSignIn, o.timeToSignIn),
                add(httpSend, o.httpSend), add(httpVerify, o.httpVerify), add(deliveryLateness, o.deliveryLateness));
    }

    private static <E extends Enum<E>> Map<E, Long> sum(Map<E, Long> a, Map<E, Long> b, Class<E> type) {
        Map<E, Long> m = new EnumMap<>(type);
        m.putAll(a);
        b.forEach((k, v) -> m.merge(k, v, Long::sum));
        return m;
    }

    private static Map<String, Long> sumStrings(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> m = new TreeMap<>(a);
        b.forEach((k, v) -> m.merge(k, v, Long::sum));
        return m;
    }

    private static Histogram add(Histogram a, Histogram b) {
        Histogram h = new Histogram(RunMetrics.TOTAL_DIGITS);
        if (a != null) {
            h.add(a);
        }
        if (b != null) {
            h.add(b);
        }
        return h;
    }
}
