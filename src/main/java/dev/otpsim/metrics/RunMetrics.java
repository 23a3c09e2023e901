package dev.otpsim.metrics;

import dev.otpsim.carrier.LossReason;
import dev.otpsim.handset.Channel;
import dev.otpsim.ledger.Classification;
import dev.otpsim.ledger.SubmissionOutcome;
import dev.otpsim.person.JourneyOutcome;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * The run's aggregates: counters, per-window counters and latency recorders. Only aggregates live
 * here — per-event detail streams to the ledger file — so memory does not grow per journey.
 *
 * <p>Every {@code record*} method is thread-safe, lock-free and allocation-free on its common
 * path (LongAdder and HdrHistogram {@link Recorder}); the {@link WindowWriter} drains the
 * recorders once per window.
 * <pre>{@code
 * RunMetrics m = new RunMetrics(MetricsSpec.defaults());
 * m.journeyStarted(nowMillis);
 * m.delivered(Channel.SMS, nowMillis, latencyMillis);
 * }</pre>
 */
public final class RunMetrics {
    private static final int SIGNIFICANT_DIGITS = 3;

    final MetricsSpec spec;
    private volatile Window[] windows = new Window[64];
    private final Object grow = new Object();

    final LongAdder journeys = new LongAdder();
    final LongAdder[] journeyOutcomes = adders(JourneyOutcome.values().length);
    final LongAdder[] submissionOutcomes = adders(SubmissionOutcome.values().length);
    final LongAdder staleAccepted = new LongAdder();
    final LongAdder staleJourneys = new LongAdder();
    final LongAdder lockedJourneys = new LongAdder();
    final LongAdder selfInflictedLockouts = new LongAdder();
    final LongAdder sends = new LongAdder();
    final LongAdder firstSends = new LongAdder();
    final LongAdder[] issued = adders(Channel.values().length);
    final LongAdder[] lost = adders(LossReason.values().length);
    final LongAdder duplicated = new LongAdder();
    final LongAdder unknownRecipients = new LongAdder();
    final Map<String, LongAdder> disagreements = new ConcurrentHashMap<>();

    final Recorder[] deliveryLatency = {new Recorder(SIGNIFICANT_DIGITS), new Recorder(SIGNIFICANT_DIGITS),
        new Recorder(SIGNIFICANT_DIGITS)};
    final Recorder timeToSignIn = new Recorder(SIGNIFICANT_DIGITS);
    final Recorder httpSend = new Recorder(SIGNIFICANT_DIGITS);
    final Recorder httpVerify = new Recorder(SIGNIFICANT_DIGITS);

    public RunMetrics(MetricsSpec spec) {
        this.spec = spec;
    }

    // ---- journeys and sends -------------------------------------------------------------

    public void journeyStarted(long atMillis) {
        journeys.increment();
        window(atMillis).journeysStarted.increment();
    }

    /** A send the target accepted; {@code first} for the journey's first accepted send. */
    public void sendAccepted(long atMillis, boolean first) {
        sends.increment();
        Window w = window(atMillis);
        w.sends.increment();
        if (first) {
            firstSends.increment();
            w.firstSends.increment();
        }
    }

    public void submission(long atMillis, Classification c) {
        submissionOutcomes[c.outcome().ordinal()].increment();
        Window w = window(atMillis);
        w.submissions.increment();
        if (c.outcome() == SubmissionOutcome.STALE) {
            w.staleSubmissions.increment();
            if (c.staleAccepted()) {
                staleAccepted.increment();
            }
        }
        if (c.disagreement() != null) {
            disagreements.computeIfAbsent(c.disagreement(), k -> new LongAdder()).increment();
        }
    }

    /**
     * A journey ended.
     *
     * @param hitLock          the target answered "locked" at least once
     * @param mistyped         at least one submission was never issued (a typo)
     * @param rejectedStale    at least one stale submission was rejected
     * @param timeToSignInMillis first send request → accepted submission, for successes (else ignored)
     */
    public void journeyEnded(long atMillis, JourneyOutcome outcome, boolean hitLock, boolean mistyped,
                             boolean rejectedStale, long timeToSignInMillis) {
        journeyOutcomes[outcome.ordinal()].increment();
        Window w = window(atMillis);
        w.journeysEnded.increment();
        if (outcome == JourneyOutcome.SUCCESS) {
            w.successes.increment();
            timeToSignIn.recordValue(Math.max(0, timeToSignInMillis));
        }
        if (hitLock) {
            lockedJourneys.increment();
            w.lockouts.increment();
            if (!mistyped) {
                selfInflictedLockouts.increment();
            }
        }
        if (rejectedStale) {
            staleJourneys.increment();
        }
    }

    // ---- carriers -----------------------------------------------------------------------

    public void issued(Channel channel) {
        issued[channel.ordinal()].increment();
    }

    public void delivered(Channel channel, long visibleAtMillis, long latencyMillis) {
        long latency = Math.max(0, latencyMillis);
        deliveryLatency[channel.ordinal()].recordValue(latency);
        Window w = window(visibleAtMillis);
        w.delivered[channel.ordinal()].increment();
        w.recordDelivery(channel.ordinal(), latency);
    }

    public void lost(LossReason reason) {
        lost[reason.ordinal()].increment();
    }

    public void duplicated() {
        duplicated.increment();
    }

    public void unknownRecipient() {
        unknownRecipients.increment();
    }

    // ---- HTTP ---------------------------------------------------------------------------

    /** Real microseconds from when the send was due to its answer (coordinated-omission free). */
    public void httpSendMicros(long micros) {
        httpSend.recordValue(Math.max(0, micros));
    }

    public void httpVerifyMicros(long micros) {
        httpVerify.recordValue(Math.max(0, micros));
    }

    // ---- reading ------------------------------------------------------------------------

    public long journeys() {
        return journeys.sum();
    }

    public long journeysEnded() {
        long n = 0;
        for (LongAdder a : journeyOutcomes) {
            n += a.sum();
        }
        return n;
    }

    public long count(JourneyOutcome o) {
        return journeyOutcomes[o.ordinal()].sum();
    }

    public long count(SubmissionOutcome o) {
        return submissionOutcomes[o.ordinal()].sum();
    }

    public long submissions() {
        long n = 0;
        for (LongAdder a : submissionOutcomes) {
            n += a.sum();
        }
        return n;
    }

    public long lockedJourneys() {
        return lockedJourneys.sum();
    }

    public long selfInflictedLockouts() {
        return selfInflictedLockouts.sum();
    }

    public long sends() {
        return sends.sum();
    }

    Map<String, Long> disagreementCounts() {
        Map<String, Long> m = new TreeMap<>();
        disagreements.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** The window holding {@code atMillis}; grows the table on demand (rare, under a lock). */
    Window window(long atMillis) {
        int i = (int) Math.max(0, atMillis / spec.windowMillis());
        Window[] ws = windows;
        if (i < ws.length && ws[i] != null) {
            return ws[i];
        }
        synchronized (grow) {
            ws = windows;
            if (i >= ws.length) {
                ws = Arrays.copyOf(ws, Math.max(ws.length * 2, i + 1));
            }
            for (int k = 0; k <= i; k++) {
                if (ws[k] == null) {
                    ws[k] = new Window(k * spec.windowMillis(), (k + 1) * spec.windowMillis());
                }
            }
            windows = ws;
            return ws[i];
        }
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }
}
