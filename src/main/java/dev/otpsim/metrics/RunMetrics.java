package dev.otpsim.metrics;

import dev.otpsim.carrier.impairment.LossReason;
import dev.otpsim.handset.Channel;
import dev.otpsim.ledger.Classification;
import dev.otpsim.ledger.SubmissionOutcome;
import dev.otpsim.ledger.Tally;
import dev.otpsim.person.JourneyOutcome;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The run's aggregates, in the manner of HdrHistogram's {@link Recorder}: writers record from any
 * thread, lock-free; each reader gets its own snapshot and never touches the state.
 * <ul>
 *   <li>the ledger records through {@link Tally}; the Gatling engine adds HTTP latencies;</li>
 *   <li>the window writer calls {@link #closeWindow} once per window, in order, and gets that
 *       window's {@link WindowSample} plus the interval histograms for the HdrHistogram logs;</li>
 *   <li>the summary reads {@link #totals()}: every count, and the whole-run histograms of the
 *       windows closed so far.</li>
 * </ul>
 * Only aggregates live here — per-event detail streams to the ledger file — so memory does not
 * grow per journey.
 * <pre>{@code
 * RunMetrics m = new RunMetrics(MetricsSpec.defaults(), EnumSet.of(Channel.SMS));
 * m.journeyStarted(nowMillis);                                  // from any thread
 * WindowClose w = m.closeWindow(0, Map.of(Channel.SMS, 3));     // the window writer, in order
 * Totals t = m.totals();                                        // the summary
 * }</pre>
 */
public final class RunMetrics implements Tally {
    /** Digits of the whole-run histograms. */
    static final int TOTAL_DIGITS = 3;
    /** Two significant digits are plenty for a per-window p95, and keep each window small. */
    static final int WINDOW_DIGITS = 2;

    private final MetricsSpec spec;
    private final Set<Channel> channels;
    private volatile Window[] windows = new Window[64];
    private final Object grow = new Object();

    private final LongAdder journeys = new LongAdder();
    private final LongAdder[] journeyOutcomes = adders(JourneyOutcome.values().length);
    private final LongAdder[] submissionOutcomes = adders(SubmissionOutcome.values().length);
    private final LongAdder staleAccepted = new LongAdder();
    private final LongAdder stalePastTtl = new LongAdder();
    private final LongAdder staleJourneys = new LongAdder();
    private final LongAdder lockedJourneys = new LongAdder();
    private final LongAdder selfInflictedLockouts = new LongAdder();
    private final LongAdder deadCodeJourneys = new LongAdder();
    private final LongAdder sends = new LongAdder();
    private final LongAdder firstSends = new LongAdder();
    private final LongAdder sendsWithoutCode = new LongAdder();
    private final LongAdder[] issued = adders(Channel.values().length);
    private final LongAdder[] lost = adders(LossReason.values().length);
    private final LongAdder duplicated = new LongAdder();
    private final LongAdder unknownRecipients = new LongAdder();
    private final Map<String, LongAdder> disagreements = new ConcurrentHashMap<>();
    // Per journey ended: sends and sends², for the interval of send amplification.
    private final LongAdder journeySends = new LongAdder();
    private final LongAdder journeySendsSquared = new LongAdder();

    private final Recorder[] deliveryLatency = new Recorder[Channel.values().length];
    private final Recorder timeToSignIn = new Recorder(TOTAL_DIGITS);
    private final Recorder httpSend = new Recorder(TOTAL_DIGITS);
    private final Recorder httpVerify = new Recorder(TOTAL_DIGITS);
    private final Recorder lateness = new Recorder(TOTAL_DIGITS);

    // Whole-run histograms of the windows closed so far; written by the window closer only.
    private final Object closing = new Object();
    private final Map<Channel, Histogram> deliveryTotal = new EnumMap<>(Channel.class);
    private final Histogram timeToSignInTotal = new Histogram(TOTAL_DIGITS);
    private final Histogram httpSendTotal = new Histogram(TOTAL_DIGITS);
    private final Histogram httpVerifyTotal = new Histogram(TOTAL_DIGITS);
    private final Histogram latenessTotal = new Histogram(TOTAL_DIGITS);
    private final Histogram[] deliveryInterval = new Histogram[Channel.values().length];
    private Histogram timeToSignInInterval;
    private Histogram httpSendInterval;
    private Histogram httpVerifyInterval;
    private Histogram latenessInterval;

    /** Counters of one window, filled concurrently, read once it closes. */
    private static final class Window {
        final LongAdder journeysStarted = new LongAdder();
        final LongAdder journeysEnded = new LongAdder();
        final LongAdder successes = new LongAdder();
        final LongAdder sends = new LongAdder();
        final LongAdder firstSends = new LongAdder();
        final LongAdder submissions = new LongAdder();
        final LongAdder staleSubmissions = new LongAdder();
        final LongAdder lockouts = new LongAdder();
        // Latencies of copies that became visible in this window, per channel; made on first use.
        final AtomicReferenceArray<Histogram> delivery = new AtomicReferenceArray<>(Channel.values().length);

        void recordDelivery(int channel, long latencyMillis) {
            Histogram h = delivery.get(channel);
            if (h == null) {
                // Sized for two minutes up front (it grows beyond): resizing on the way costs more
                // than the few KB it saves.
                ConcurrentHistogram fresh = new ConcurrentHistogram(1, 120_000, WINDOW_DIGITS);
                fresh.setAutoResize(true);
                delivery.compareAndSet(channel, null, fresh);
                h = delivery.get(channel);
            }
            h.recordValue(latencyMillis);
        }
    }

    /**
     * What closing a window hands the window writer: the window's figures, and the interval
     * histograms recorded since the previous close (for the HdrHistogram logs; null when not asked for).
     */
    public record WindowClose(WindowSample sample, Map<Channel, Histogram> deliveryInterval, Histogram timeToSignIn,
                              Histogram httpSend, Histogram httpVerify) {
    }

    /** @param channels the channels in play: a window's per-channel figures are sized by them */
    public RunMetrics(MetricsSpec spec, Set<Channel> channels) {
        this.spec = spec;
        this.channels = Set.copyOf(channels);
        for (Channel c : Channel.values()) {
            deliveryLatency[c.ordinal()] = new Recorder(TOTAL_DIGITS);
            if (channels.contains(c)) {
                deliveryTotal.put(c, new Histogram(TOTAL_DIGITS));
            }
        }
    }

    public MetricsSpec spec() {
        return spec;
    }

    public Set<Channel> channels() {
        return channels;
    }

    // ---- recording (Tally) -------------------------------------------------------------

    @Override
    public void journeyStarted(long atMillis) {
        journeys.increment();
        window(atMillis).journeysStarted.increment();
    }

    @Override
    public void sendAccepted(long atMillis, boolean first) {
        sends.increment();
        Window w = window(atMillis);
        w.sends.increment();
        if (first) {
            firstSends.increment();
            w.firstSends.increment();
        }
    }

    @Override
    public void submission(long atMillis, Classification c) {
        submissionOutcomes[c.outcome().ordinal()].increment();
        Window w = window(atMillis);
        w.submissions.increment();
        if (c.outcome() == SubmissionOutcome.STALE) {
            w.staleSubmissions.increment();
            if (c.staleAccepted()) {
                staleAccepted.increment();
            }
            if (c.pastTtl()) {
                stalePastTtl.increment();
            }
        }
        if (c.disagreement() != null) {
            disagreements.computeIfAbsent(c.disagreement(), k -> new LongAdder()).increment();
        }
    }

    @Override
    public void journeyEnded(long atMillis, JourneyOutcome outcome, boolean hitLock, boolean mistyped,
                             boolean rejectedStale, boolean hitDeadCode, long timeToSignInMillis,
                             int acceptedSends, int sendsWithoutCode) {
        journeySends.add(acceptedSends);
        journeySendsSquared.add((long) acceptedSends * acceptedSends);
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
        if (hitDeadCode) {
            deadCodeJourneys.increment();
        }
        this.sendsWithoutCode.add(sendsWithoutCode);
    }

    @Override
    public void issued(Channel channel) {
        issued[channel.ordinal()].increment();
    }

    @Override
    public void delivered(Channel channel, long visibleAtMillis, long latencyMillis, long lateMillis) {
        long latency = Math.max(0, latencyMillis);
        deliveryLatency[channel.ordinal()].recordValue(latency);
        lateness.recordValue(Math.max(0, lateMillis));
        window(visibleAtMillis).recordDelivery(channel.ordinal(), latency);
    }

    @Override
    public void lost(LossReason reason) {
        lost[reason.ordinal()].increment();
    }

    @Override
    public void duplicated() {
        duplicated.increment();
    }

    @Override
    public void unknownRecipient() {
        unknownRecipients.increment();
    }

    /** Real microseconds from when the send was due to its answer (coordinated-omission free). */
    public void httpSendMicros(long micros) {
        httpSend.recordValue(Math.max(0, micros));
    }

    public void httpVerifyMicros(long micros) {
        httpVerify.recordValue(Math.max(0, micros));
    }

    // ---- cheap reads for the live progress line ------------------------------------------

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

    public long sends() {
        return sends.sum();
    }

    // ---- readers' snapshots ---------------------------------------------------------------

    /**
     * Closes window {@code index} (windows close in order, each once): its figures, with the
     * carriers' backlog when it closed, and the latencies recorded since the last close. A
     * delivery dated in the window but recorded after it closed is never lost: it stays in the
     * whole-run histograms (counted at the next close).
     *
     * @param backlog   messages waiting in each channel's carriers at the window's end
     * @param intervals whether to drain the latency recorders into interval histograms (for the
     *                  HdrHistogram logs); without them the recorders are drained only by {@link #totals()}
     */
    public WindowClose closeWindow(int index, Map<Channel, Integer> backlog, boolean intervals) {
        long width = spec.windowMillis();
        Window w = window(index * width);
        Map<Channel, Integer> b = new EnumMap<>(Channel.class);
        Map<Channel, Histogram> delivery = new EnumMap<>(Channel.class);
        for (Channel c : channels) {
            b.put(c, backlog.getOrDefault(c, 0));
            Histogram h = new Histogram(WINDOW_DIGITS);
            Histogram recorded = w.delivery.getAndSet(c.ordinal(), null); // freed: the sample keeps a copy
            if (recorded != null) {
                h.add(recorded);
            }
            delivery.put(c, h);
        }
        WindowSample sample = new WindowSample(index * width, (index + 1) * width, w.journeysStarted.sum(),
                w.journeysEnded.sum(), w.successes.sum(), w.sends.sum(), w.firstSends.sum(), w.submissions.sum(),
                w.staleSubmissions.sum(), w.lockouts.sum(), b, delivery);
        if (!intervals) {
            return new WindowClose(sample, null, null, null, null);
        }
        synchronized (closing) {
            drainAll();
            Map<Channel, Histogram> byChannel = new EnumMap<>(Channel.class);
            for (Channel c : channels) {
                byChannel.put(c, deliveryInterval[c.ordinal()]);
            }
            return new WindowClose(sample, byChannel, timeToSignInInterval, httpSendInterval, httpVerifyInterval);
        }
    }

    /**
     * Moves what the recorders hold into the whole-run histograms; the interval histograms keep
     * it until the next drain (they are reused: readers must be done with them by then).
     */
    private void drainAll() {
        for (Channel c : channels) {
            int i = c.ordinal();
            deliveryInterval[i] = drain(deliveryLatency[i], deliveryInterval[i], deliveryTotal.get(c));
        }
        timeToSignInInterval = drain(timeToSignIn, timeToSignInInterval, timeToSignInTotal);
        httpSendInterval = drain(httpSend, httpSendInterval, httpSendTotal);
        httpVerifyInterval = drain(httpVerify, httpVerifyInterval, httpVerifyTotal);
        latenessInterval = drain(lateness, latenessInterval, latenessTotal);
    }

    /** Every count and whole-run histogram now. */
    public Totals totals() {
        Map<JourneyOutcome, Long> outcomes = new EnumMap<>(JourneyOutcome.class);
        for (JourneyOutcome o : JourneyOutcome.values()) {
            outcomes.put(o, journeyOutcomes[o.ordinal()].sum());
        }
        Map<SubmissionOutcome, Long> submissions = new EnumMap<>(SubmissionOutcome.class);
        for (SubmissionOutcome o : SubmissionOutcome.values()) {
            submissions.put(o, submissionOutcomes[o.ordinal()].sum());
        }
        Map<Channel, Long> issuedBy = new EnumMap<>(Channel.class);
        for (Channel c : channels) {
            issuedBy.put(c, issued[c.ordinal()].sum());
        }
        Map<LossReason, Long> lostBy = new EnumMap<>(LossReason.class);
        for (LossReason r : LossReason.values()) {
            lostBy.put(r, lost[r.ordinal()].sum());
        }
        Map<String, Long> disagreed = new java.util.TreeMap<>();
        disagreements.forEach((k, v) -> disagreed.put(k, v.sum()));
        synchronized (closing) {
            drainAll();
            Map<Channel, Histogram> delivery = new EnumMap<>(Channel.class);
            deliveryTotal.forEach((c, h) -> delivery.put(c, h.copy()));
            return new Totals(journeys.sum(), outcomes, submissions, staleAccepted.sum(), stalePastTtl.sum(),
                    staleJourneys.sum(), lockedJourneys.sum(), selfInflictedLockouts.sum(), deadCodeJourneys.sum(),
                    sends.sum(), firstSends.sum(), sendsWithoutCode.sum(), journeySends.sum(),
                    journeySendsSquared.sum(), issuedBy, lostBy, duplicated.sum(), unknownRecipients.sum(), disagreed,
                    delivery, timeToSignInTotal.copy(), httpSendTotal.copy(), httpVerifyTotal.copy(),
                    latenessTotal.copy());
        }
    }

    private static Histogram drain(Recorder r, Histogram reuse, Histogram total) {
        Histogram interval = r.getIntervalHistogram(reuse);
        total.add(interval);
        return interval;
    }

    /** The window holding {@code atMillis}; grows the table on demand (rare, under a lock). */
    private Window window(long atMillis) {
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
                    ws[k] = new Window();
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
