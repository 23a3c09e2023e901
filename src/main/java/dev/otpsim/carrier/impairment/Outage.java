package dev.otpsim.carrier.impairment;

import dev.otpsim.distribution.Durations;
import java.util.Locale;

/**
 * A window of simulated time [start, end) in which the carrier is down. In {@code drop} mode it
 * loses every message handed to it in the window; in {@code hold} mode it keeps them and sends
 * them all when the window ends — a burst, which then goes through the carrier's capacity queue
 * and delay like any other message.
 *
 * <pre>
 * outages = [ { start = 2m, end = 5m, mode = hold }, { start = 20m, end = 21m, mode = drop } ]
 * </pre>
 */
public record Outage(long startMillis, long endMillis, Mode mode) implements Impairment {
    public static final String KEY = "outages";

    /** What the carrier does with messages handed to it during the outage. */
    public enum Mode {
        DROP, HOLD;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Outage {
        if (startMillis < 0 || endMillis <= startMillis) {
            throw new IllegalArgumentException("an outage needs 0 <= start < end, got " + startMillis + ".." + endMillis);
        }
        java.util.Objects.requireNonNull(mode, "mode");
    }

    /** True when a message handed over at {@code atMillis} falls in this outage. */
    public boolean covers(long atMillis) {
        return atMillis >= startMillis && atMillis < endMillis;
    }

    @Override
    public Step step() {
        return Step.OUTAGE;
    }

    /** Sorted by start, so a window chained right after another holds a message on. */
    @Override
    public long orderWithinStep() {
        return startMillis;
    }

    @Override
    public Stage newStage(StageContext carrier) {
        return (m, draws) -> {
            if (covers(m.release)) {
                if (mode == Mode.DROP) {
                    m.lose(LossReason.OUTAGE, m.arrival);
                } else {
                    m.holdUntil(endMillis);
                }
            }
        };
    }

    @Override
    public java.util.List<FaultWindow> windows() {
        return java.util.List.of(new FaultWindow("outage-" + mode.id(), startMillis, endMillis));
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String describe() {
        return "outage " + Durations.show(startMillis) + ".." + Durations.show(endMillis) + " " + mode.id();
    }
}
