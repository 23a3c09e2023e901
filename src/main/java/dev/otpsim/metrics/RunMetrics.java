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
    private final Recording recording;
    private volatile Window[] windows = new Window[64];
    private final Object grow = new Object();
    private int made; // windows [0, made) exist in the table; guarded by 'grow'
    // The window most records fall in, so that most records skip the division and the table.
    private volatile Window current;
    // Where records dated in a window already closed go: nobody reads them (as before, a window's
    // figures are final when it closes), and a closed window's memory is freed.
    private final Window closedSink;

    private final Recording.Counter journeys;
    private final Recording.Counter[] journeyOutcomes;
    private final Recording.Counter[] submissionOutcomes;
    private final Recording.Counter staleAccepted;
    private final Recording.Counter stalePastTtl;
    private final Recording.Counter staleJourneys;
    private final Recording.Counter lockedJourneys;
    private final Recording.Counter selfInflictedLockouts;
    private final Recording.Counter deadCodeJourneys;
    private final Recording.Counter sends;
    private final Recording.Counter firstSends;
    private final Recording.Counter sendsWithoutCode;
    private final Recording.Counter[] issued;
    private final Recording.Counter[] lost;
    private final Recording.Counter duplicated;
    private final Recording.Counter unknownRecipients;
    private final Map<String, Recording.Counter> disagreements = new ConcurrentHashMap<>();
    // Per journey ended: sends and sends², for the interval of send amplification.
    private final Recording.Counter journeySends;
    private final Recording.Counter journeySendsSquared;

    private final Recording.IntervalRecorder[] deliveryLatency = new Recording.IntervalRecorder[Channel.values().length];
    private final Recording.IntervalRecorder timeToSignIn;
    private final Recording.IntervalRecorder httpSend;
    private final Recording.IntervalRecorder httpVerify;
    private final Recording.IntervalRecorder lateness;

    // What the latency recorders held, drained under this lock by window closes and totals().
    private final Object closing = new Object();
    private final Map<Channel, Drained> deliveryDrained = new EnumMap<>(Channel.class);
    private final Drained timeToSignInDrained = new Drained();
    private final Drained httpSendDrained = new Drained();
    private final Drained httpVerifyDrained = new Drained();
    private final Drained latenessDrained = new Drained();

    /**
     * One latency recorder's readings: the whole run, and everything recorded since the last
     * window closed. Both readers drain the recorder — a window close, and {@link #totals()} for the
     * partial summary written while a run goes — so what a totals() call drains must still reach
     * the next window's interval (it did not: a 630-journey run's time-to-sign-in log held 625).
     */
    private static final class Drained {
        private final Histogram total = new Histogram(TOTAL_DIGITS);
        // Two histograms take turns: the one handed out stays valid until the next close.
        private Histogram sinceClose = new Histogram(TOTAL_DIGITS);
        private Histogram handedOut = new Histogram(TOTAL_DIGITS);
        private Histogram scratch;

        void drain(Recording.IntervalRecorder recorder) {
            scratch = recorder.intervalHistogram(scratch);
            total.add(scratch);
            sinceClose.add(scratch);
        }

        /** Everything drained since the previous call; valid until the next one. */
        Histogram takeSinceClose() {
            Histogram out = sinceClose;
            sinceClose = handedOut;
            sinceClose.reset();
            handedOut = out;
            return out;
        }
    }

    /** Counters of one window, filled concurrently, read once it closes. */
    private static final class Window {
        final Recording recording;
        final long startMillis;
        final long endMillis;
        final Recording.Counter journeysStarted;
        final Recording.Counter journeysEnded;
        final Recording.Counter successes;
        final Recording.Counter sends;
        final Recording.Counter firstSends;
        final Recording.Counter submissions;
        final Recording.Counter staleSubmissions;
        final Recording.Counter lockouts;
        // Latencies of copies that became visible in this window, per channel; made on first use.
        final AtomicReferenceArray<Histogram> delivery = new AtomicReferenceArray<>(Channel.values().length);

        Window(Recording recording, long startMillis, long endMillis) {
            this.recording = recording;
            this.startMillis = startMillis;
            this.endMillis = endMillis;
            journeysStarted = recording.counter();
            journeysEnded = recording.counter();
            successes = recording.counter();
            sends = recording.counter();
            firstSends = recording.counter();
            submissions = recording.counter();
            staleSubmissions = recording.counter();
            lockouts = recording.counter();
        }

        void recordDelivery(int channel, long latencyMillis) {
            Histogram h = delivery.get(channel);
            if (h == null) {
                // Sized for two minutes up front (it grows beyond): resizing on the way costs more
                // than the few KB it saves.
                delivery.compareAndSet(channel, null, recording.windowHistogram(120_000, WINDOW_DIGITS));
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

    /**
     * Metrics any thread may record into ({@link Recording#CONCURRENT}).
     *
     * @param channels the channels in play: a window's per-channel figures are sized by them
     */
    public RunMetrics(MetricsSpec spec, Set<Channel> channels) {
        this(spec, channels, Recording.CONCURRENT);
    }

    /**
     * @param recording {@link Recording#ONE_THREAD} when one thread does all the recording and reading
     *                  (the virtual-time loop); the figures are the same
     */
    public RunMetrics(MetricsSpec spec, Set<Channel> channels, Recording recording) {
        this.spec = spec;
        this.channels = Set.copyOf(channels);
        this.recording = recording;
        this.closedSink = new Window(recording, Long.MIN_VALUE, Long.MIN_VALUE);
        this.journeys = recording.counter();
        this.journeyOutcomes = counters(recording, JourneyOutcome.values().length);
        this.submissionOutcomes = counters(recording, SubmissionOutcome.values().length);
        this.staleAccepted = recording.counter();
        this.stalePastTtl = recording.counter();
        this.staleJourneys = recording.counter();
        this.lockedJourneys = recording.counter();
        this.selfInflictedLockouts = recording.counter();
        this.deadCodeJourneys = recording.counter();
        this.sends = recording.counter();
        this.firstSends = recording.counter();
        this.sendsWithoutCode = recording.counter();
        this.issued = counters(recording, Channel.values().length);
        this.lost = counters(recording, LossReason.values().length);
        this.duplicated = recording.counter();
        this.unknownRecipients = recording.counter();
        this.journeySends = recording.counter();
        this.journeySendsSquared = recording.counter();
        this.timeToSignIn = recording.recorder(TOTAL_DIGITS);
        this.httpSend = recording.recorder(TOTAL_DIGITS);
        this.httpVerify = recording.recorder(TOTAL_DIGITS);
        this.lateness = recording.recorder(TOTAL_DIGITS);
        this.current = closedSink;
        for (Channel c : Channel.values()) {
            deliveryLatency[c.ordinal()] = recording.recorder(TOTAL_DIGITS);
            if (channels.contains(c)) {
                deliveryDrained.put(c, new Drained());
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
            disagreements.computeIfAbsent(c.disagreement(), k -> recording.counter()).increment();
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
        for (Recording.Counter a : journeyOutcomes) {
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
        for (Recording.Counter a : submissionOutcomes) {
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
            Histogram recorded = w.delivery.getAndSet(c.ordinal(), null);
            if (recorded != null && recording == Recording.ONE_THREAD) {
                delivery.put(c, recorded); // nobody else records into it: no copy needed
                continue;
            }
            // A writer may still be adding to it: the sample keeps a copy.
            Histogram h = new Histogram(WINDOW_DIGITS);
            if (recorded != null) {
                h.add(recorded);
            }
            delivery.put(c, h);
        }
        WindowSample sample = new WindowSample(index * width, (index + 1) * width, w.journeysStarted.sum(),
                w.journeysEnded.sum(), w.successes.sum(), w.sends.sum(), w.firstSends.sum(), w.submissions.sum(),
                w.staleSubmissions.sum(), w.lockouts.sum(), b, delivery);
        retire(index);
        if (!intervals) {
            return new WindowClose(sample, null, null, null, null);
        }
        synchronized (closing) {
            drainAll();
            Map<Channel, Histogram> byChannel = new EnumMap<>(Channel.class);
            for (Channel c : channels) {
                byChannel.put(c, deliveryDrained.get(c).takeSinceClose());
            }
            latenessDrained.takeSinceClose(); // no log of its own: only its whole-run histogram is read
            return new WindowClose(sample, byChannel, timeToSignInDrained.takeSinceClose(),
                    httpSendDrained.takeSinceClose(), httpVerifyDrained.takeSinceClose());
        }
    }

    /**
     * Moves what the recorders hold into the whole-run histograms and the since-close ones (the
     * histogram a close hands out is reused at the next close: readers must be done by then).
     */
    private void drainAll() {
        for (Channel c : channels) {
            deliveryDrained.get(c).drain(deliveryLatency[c.ordinal()]);
        }
        timeToSignInDrained.drain(timeToSignIn);
        httpSendDrained.drain(httpSend);
        httpVerifyDrained.drain(httpVerify);
        latenessDrained.drain(lateness);
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
            deliveryDrained.forEach((c, d) -> delivery.put(c, d.total.copy()));
            return new Totals(journeys.sum(), outcomes, submissions, staleAccepted.sum(), stalePastTtl.sum(),
                    staleJourneys.sum(), lockedJourneys.sum(), selfInflictedLockouts.sum(), deadCodeJourneys.sum(),
                    sends.sum(), firstSends.sum(), sendsWithoutCode.sum(), journeySends.sum(),
                    journeySendsSquared.sum(), issuedBy, lostBy, duplicated.sum(), unknownRecipients.sum(), disagreed,
                    delivery, timeToSignInDrained.total.copy(), httpSendDrained.total.copy(),
                    httpVerifyDrained.total.copy(), latenessDrained.total.copy());
        }
    }

    /** The window holding {@code atMillis}; grows the table on demand (rare, under a lock). */
    private Window window(long atMillis) {
        Window w = current;
        if (atMillis >= w.startMillis && atMillis < w.endMillis) {
            return w;
        }
        int i = (int) Math.max(0, atMillis / spec.windowMillis());
        Window[] ws = windows;
        if (i < ws.length && ws[i] != null) {
            w = ws[i];
        } else {
            w = grow(i);
        }
        if (w != closedSink) {
            current = w;
        }
        return w;
    }

    private Window grow(int i) {
        synchronized (grow) {
            Window[] ws = windows;
            if (i >= ws.length) {
                ws = Arrays.copyOf(ws, Math.max(ws.length * 2, i + 1));
            }
            long width = spec.windowMillis();
            // Windows before 'made' exist already (or were closed): fill from there, not from 0 —
            // a scan from 0 made each new window cost as much as all before it.
            for (int k = made; k <= i; k++) {
                ws[k] = new Window(recording, k * width, (k + 1) * width);
            }
            made = Math.max(made, i + 1);
            windows = ws;
            return ws[i];
        }
    }

    /** Window {@code index} is closed: later records dated in it go nowhere, and its memory is freed. */
    private void retire(int index) {
        synchronized (grow) {
            windows[index] = closedSink;
        }
        if (current.startMillis <= index * spec.windowMillis()) {
            current = closedSink;
        }
    }

    private static Recording.Counter[] counters(Recording recording, int n) {
        Recording.Counter[] a = new Recording.Counter[n];
        for (int i = 0; i < n; i++) {
            a[i] = recording.counter();
        }
        return a;
    }
}
