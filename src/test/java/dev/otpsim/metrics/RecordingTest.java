package dev.otpsim.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.otpsim.carrier.impairment.LossReason;
import dev.otpsim.handset.Channel;
import dev.otpsim.ledger.Classification;
import dev.otpsim.ledger.SubmissionOutcome;
import dev.otpsim.person.JourneyOutcome;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;

/** The one-thread recording of the virtual loop gives the same figures, and the same log bytes, as the concurrent one. */
class RecordingTest {

    @Test
    void oneThreadIntervalsEncodeToTheSameBytesAsARecorders() {
        Recorder concurrent = new Recorder(3);
        Recording.IntervalRecorder oneThread = Recording.ONE_THREAD.recorder(3);
        SplittableRandom r = new SplittableRandom(11);
        Histogram reuseC = null;
        Histogram reuseO = null;
        for (int interval = 0; interval < 40; interval++) {
            // Now and then a huge value: the histogram that held it stays larger (auto-resize never
            // shrinks), and that size is part of its encoding.
            long max = interval % 7 == 3 ? 50_000_000 : 2_000 + interval * 100L;
            int n = r.nextInt(0, 200);
            for (int i = 0; i < n; i++) {
                long v = r.nextLong(0, max);
                concurrent.recordValue(v);
                oneThread.recordValue(v);
            }
            reuseC = concurrent.getIntervalHistogram(reuseC);
            reuseO = oneThread.intervalHistogram(reuseO);
            assertEquals(reuseC, reuseO, "interval " + interval);
            assertArrayEquals(encoded(reuseC), encoded(reuseO), "interval " + interval);
        }
    }

    @Test
    void oneThreadMetricsGiveTheSameWindowsAndTotalsAsConcurrentOnes() {
        MetricsSpec spec = MetricsSpec.defaults();
        RunMetrics concurrent = new RunMetrics(spec, EnumSet.of(Channel.SMS, Channel.EMAIL));
        RunMetrics oneThread = new RunMetrics(spec, EnumSet.of(Channel.SMS, Channel.EMAIL), Recording.ONE_THREAD);
        SplittableRandom r = new SplittableRandom(5);
        long width = spec.windowMillis();
        int windows = 30;
        List<RunMetrics.WindowClose> closesC = new ArrayList<>();
        List<RunMetrics.WindowClose> closesO = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            for (int i = 0; i < 300; i++) {
                // Mostly this window, some records dated in windows already closed (late settlements).
                long at = Math.max(0, w * width + r.nextLong(-2 * width, width));
                int kind = r.nextInt(7);
                for (RunMetrics m : List.of(concurrent, oneThread)) {
                    SplittableRandom same = new SplittableRandom(w * 1_000L + i);
                    record(m, kind, at, same);
                }
            }
            Map<Channel, Integer> backlog = Map.of(Channel.SMS, w, Channel.EMAIL, 2 * w);
            RunMetrics.WindowClose c = concurrent.closeWindow(w, backlog, true);
            RunMetrics.WindowClose o = oneThread.closeWindow(w, backlog, true);
            assertEquals(c.sample(), o.sample(), "window " + w);
            assertEquals(c.timeToSignIn(), o.timeToSignIn());
            assertArrayEquals(encoded(c.timeToSignIn()), encoded(o.timeToSignIn()));
            for (Channel ch : List.of(Channel.SMS, Channel.EMAIL)) {
                assertArrayEquals(encoded(c.deliveryInterval().get(ch)), encoded(o.deliveryInterval().get(ch)));
                assertEquals(c.sample().deliveryP95(ch), o.sample().deliveryP95(ch));
                assertEquals(c.sample().delivered(ch), o.sample().delivered(ch));
            }
            closesC.add(c);
            closesO.add(o);
        }
        assertEquals(concurrent.totals(), oneThread.totals());
    }

    /**
     * A partial summary reads totals() while the run goes, between window closes: what that call
     * drains from the recorders must still reach the next window's interval (the HdrHistogram logs
     * the report's charts are drawn from), so the logged intervals add up to the totals.
     */
    @Test
    void totalsReadBetweenClosesLoseNothingFromTheWindowIntervals() {
        for (Recording recording : Recording.values()) {
            MetricsSpec spec = MetricsSpec.defaults();
            RunMetrics m = new RunMetrics(spec, EnumSet.of(Channel.SMS), recording);
            long width = spec.windowMillis();
            long signIns = 0;
            long deliveries = 0;
            for (int w = 0; w < 5; w++) {
                for (int i = 0; i < 10; i++) {
                    long at = w * width + i;
                    m.journeyEnded(at, JourneyOutcome.SUCCESS, false, false, false, false, 1_000 + i, 1, 0);
                    m.delivered(Channel.SMS, at, 2_000 + i, 0);
                    if (i == 4) {
                        m.totals(); // half of this window's records are drained here
                    }
                }
                RunMetrics.WindowClose c = m.closeWindow(w, Map.of(Channel.SMS, 0), true);
                assertEquals(10, c.timeToSignIn().getTotalCount(), recording + " window " + w + " time to sign in");
                assertEquals(10, c.deliveryInterval().get(Channel.SMS).getTotalCount(), recording + " window " + w);
                signIns += c.timeToSignIn().getTotalCount();
                deliveries += c.deliveryInterval().get(Channel.SMS).getTotalCount();
            }
            Totals t = m.totals();
            assertEquals(t.timeToSignIn().getTotalCount(), signIns, recording.toString());
            assertEquals(t.deliveryLatency().get(Channel.SMS).getTotalCount(), deliveries, recording.toString());
        }
    }

    private static void record(RunMetrics m, int kind, long at, SplittableRandom r) {
        switch (kind) {
            case 0 -> m.journeyStarted(at);
            case 1 -> m.sendAccepted(at, r.nextBoolean());
            case 2 -> m.submission(at, new Classification(SubmissionOutcome.values()[r.nextInt(
                    SubmissionOutcome.values().length)], r.nextBoolean(), r.nextBoolean(), "invalid",
                    r.nextInt(10) == 0 ? "ledger=accepted target=invalid" : null));
            case 3 -> m.journeyEnded(at, JourneyOutcome.values()[r.nextInt(JourneyOutcome.values().length)],
                    r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), r.nextLong(0, 600_000),
                    r.nextInt(1, 6), r.nextInt(0, 2));
            case 4 -> m.delivered(r.nextBoolean() ? Channel.SMS : Channel.EMAIL, at, r.nextLong(0, 400_000),
                    r.nextLong(0, 50));
            case 5 -> m.lost(LossReason.values()[r.nextInt(LossReason.values().length)]);
            default -> {
                m.issued(Channel.SMS);
                m.duplicated();
                m.unknownRecipient();
            }
        }
    }

    private static byte[] encoded(Histogram h) {
        ByteBuffer b = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(b);
        return Arrays.copyOf(b.array(), n);
    }
}
