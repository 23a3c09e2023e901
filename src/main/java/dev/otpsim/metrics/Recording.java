package dev.otpsim.metrics;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Who writes to a {@link RunMetrics}: many threads at once (the Gatling engine: people, carrier
 * actors and the window ticker), or one thread that also reads (the virtual-time loop). The
 * figures are the same either way; the one-thread mode only leaves out what makes concurrent
 * recording safe — striped adders, atomic histogram counts, the recorders' writer/reader phaser —
 * which is most of the cost of recording on a loop that does nothing else.
 *
 * <pre>{@code
 * RunMetrics shared = new RunMetrics(spec, channels);                         // Recording.CONCURRENT
 * RunMetrics loop = new RunMetrics(spec, channels, Recording.ONE_THREAD);     // virtual time
 * }</pre>
 */
public enum Recording {
    /** Any thread may record while another reads: {@link LongAdder}s and HdrHistogram {@link Recorder}s. */
    CONCURRENT {
        @Override
        Counter counter() {
            return new AdderCounter();
        }

        @Override
        IntervalRecorder recorder(int digits) {
            Recorder r = new Recorder(digits);
            return new IntervalRecorder() {
                @Override
                public void recordValue(long value) {
                    r.recordValue(value);
                }

                @Override
                public Histogram intervalHistogram(Histogram reuse) {
                    return r.getIntervalHistogram(reuse);
                }
            };
        }

        @Override
        Histogram windowHistogram(long highest, int digits) {
            ConcurrentHistogram h = new ConcurrentHistogram(1, highest, digits);
            h.setAutoResize(true);
            return h;
        }
    },

    /**
     * Every call — recording, closing windows, totals — from one thread: plain counters and
     * histograms. Not safe to share between threads.
     */
    ONE_THREAD {
        @Override
        Counter counter() {
            return new PlainCounter();
        }

        @Override
        IntervalRecorder recorder(int digits) {
            return new OneThreadRecorder(digits);
        }

        @Override
        Histogram windowHistogram(long highest, int digits) {
            Histogram h = new Histogram(1, highest, digits);
            h.setAutoResize(true);
            return h;
        }
    };

    abstract Counter counter();

    /** An interval recorder of auto-resizing histograms with {@code digits} significant digits. */
    abstract IntervalRecorder recorder(int digits);

    /** A window's histogram, sized for values up to {@code highest} up front, growing beyond. */
    abstract Histogram windowHistogram(long highest, int digits);

    /** A count. */
    interface Counter {
        void increment();

        void add(long n);

        long sum();
    }

    /**
     * Values recorded since the last interval, handed out as a histogram, like HdrHistogram's
     * {@link Recorder#getIntervalHistogram(Histogram)}: pass back the previous interval histogram
     * to have it recycled.
     */
    interface IntervalRecorder {
        void recordValue(long value);

        Histogram intervalHistogram(Histogram reuse);
    }

    private static final class AdderCounter extends LongAdder implements Counter {
    }

    private static final class PlainCounter implements Counter {
        private long n;

        @Override
        public void increment() {
            n++;
        }

        @Override
        public void add(long x) {
            n += x;
        }

        @Override
        public long sum() {
            return n;
        }
    }

    /**
     * {@link Recorder}'s protocol with no phaser: the active histogram is swapped for the recycled
     * one, reset. Two histograms alternate, as in a Recorder, so each interval histogram has the
     * same size history — and encodes to the same bytes in an HdrHistogram log.
     */
    static final class OneThreadRecorder implements IntervalRecorder {
        private final int digits;
        private Histogram active;

        OneThreadRecorder(int digits) {
            this.digits = digits;
            this.active = new Histogram(digits);
        }

        @Override
        public void recordValue(long value) {
            active.recordValue(value);
        }

        @Override
        public Histogram intervalHistogram(Histogram reuse) {
            Histogram next = reuse == null ? new Histogram(digits) : reuse;
            next.reset();
            Histogram sampled = active;
            active = next;
            return sampled;
        }
    }
}
