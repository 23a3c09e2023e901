package dev.otpsim.load;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The Gatling harness watching itself while a run goes: how often people wake (each Gatling
 * pause ends in one wake-up), and how late the harness is in real time — a request sent after it
 * was due, a pause that ended after it was planned to, a carrier delivery after its planned
 * instant. Writers record from any thread without locking; a reader takes interval snapshots.
 *
 * <pre>{@code
 * HarnessWatch watch = new HarnessWatch();
 * watch.paused(false);                 // a person went to sleep until an event
 * watch.lateMicros(1_200);             // something happened 1.2 ms (real) after it was due
 * Histogram lastSecond = watch.takeLag(); // lag since the previous take, real µs
 * }</pre>
 */
public final class HarnessWatch {
    /** Lag above a minute is recorded as a minute: beyond that the run is lost anyway. */
    private static final long MAX_LAG_MICROS = 60_000_000L;

    private final LongAdder pauses = new LongAdder();
    private final LongAdder lateRechecks = new LongAdder();
    private final LongAdder journeysEnded = new LongAdder();
    private final LongAdder gateWaits = new LongAdder();
    private final Recorder lag = new Recorder(MAX_LAG_MICROS, 2);
    private Histogram recycled;
    private volatile boolean stopLoad;
    private volatile long excusedUntilNanos;

    /**
     * A person went to sleep (one Gatling pause, one wake-up at its end).
     *
     * @param lateRecheck the pause is a short look-again because a message the carrier planned for
     *                    now (or had not decided yet) was not in the handset
     */
    public void paused(boolean lateRecheck) {
        pauses.increment();
        if (lateRecheck) {
            lateRechecks.increment();
        }
    }

    /** A request waited for a place among those in flight ({@link RequestGate}). */
    public void gateWait() {
        gateWaits.increment();
    }

    public long gateWaits() {
        return gateWaits.sum();
    }

    /** A journey ended (its pauses are all counted). */
    public void journeyEnded() {
        journeysEnded.increment();
    }

    /** Something the harness does happened {@code micros} (real) after it was due. */
    public void lateMicros(long micros) {
        lag.recordValue(Math.max(0, Math.min(MAX_LAG_MICROS, micros)));
    }

    /** Lag recorded since the previous call (real µs); the caller must not keep it past the next call. */
    public synchronized Histogram takeLag() {
        recycled = lag.getIntervalHistogram(recycled);
        return recycled;
    }

    /** The harness is over capacity: the simulation stops starting and stepping journeys. */
    public void stopLoad() {
        stopLoad = true;
    }

    public boolean loadStopped() {
        return stopLoad;
    }

    /**
     * The lag of the next {@code nanos} (real) is someone's doing on purpose — a benchmark forcing
     * full collections to weigh the heap — and is no verdict on the harness's capacity.
     */
    public void excuseFor(long nanos) {
        excusedUntilNanos = System.nanoTime() + nanos;
    }

    /** Whether lag at {@code nanoTime} is excused ({@link #excuseFor}). */
    public boolean excused(long nanoTime) {
        return nanoTime - excusedUntilNanos < 0;
    }

    /**
     * {@code next}, with each delivery's lateness (simulated ms at {@code timeScale}) recorded as
     * harness lag in real µs.
     */
    public dev.otpsim.carrier.DeliveryEvents watching(dev.otpsim.carrier.DeliveryEvents next, double timeScale) {
        double microsPerSimMilli = 1000.0 / timeScale;
        dev.otpsim.carrier.DeliveryEvents lateness = new dev.otpsim.carrier.DeliveryEvents() {
            @Override
            public void delivered(dev.otpsim.carrier.CarrierMessage m, long visibleAtMillis, boolean duplicate,
                                  long lateMillis) {
                lateMicros(Math.round(lateMillis * microsPerSimMilli));
            }
        };
        return dev.otpsim.carrier.DeliveryEvents.tee(lateness, next);
    }

    public long pauses() {
        return pauses.sum();
    }

    public long lateRechecks() {
        return lateRechecks.sum();
    }

    public long journeysEnded() {
        return journeysEnded.sum();
    }

    /** Pauses per ended journey: how often a person woke (0 before any journey ended). */
    public double wakeUpsPerJourney() {
        long j = journeysEnded();
        return j == 0 ? 0 : (double) pauses() / j;
    }
}
