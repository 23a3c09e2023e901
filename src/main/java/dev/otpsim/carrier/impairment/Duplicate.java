package dev.otpsim.carrier.impairment;

import dev.otpsim.distribution.DurationDistribution;
import java.util.random.RandomGenerator;

/**
 * A second copy of a message (a carrier retry whose first attempt did succeed), arriving
 * {@code extra-delay} after the first copy.
 *
 * <pre>
 * duplicate { probability = 0.02, extra-delay = 5s }
 * duplicate { probability = 0.02, extra-delay { type = exponential, mean = 30s } }
 * </pre>
 */
public record Duplicate(double probability, DurationDistribution extraDelay) implements Impairment {
    public static final String KEY = "duplicate";

    /** Returned by {@link #extraMillis} when the message gets no second copy. */
    public static final long NONE = -1;

    public Duplicate {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
        }
        java.util.Objects.requireNonNull(extraDelay, "extraDelay");
    }

    /**
     * How long after the first copy the second one arrives, or {@link #NONE}. One uniform draw,
     * plus one for the extra delay when there is a copy.
     */
    public long extraMillis(RandomGenerator rng) {
        if (rng.nextDouble() >= probability) {
            return NONE;
        }
        return extraDelay.sampleMillis(rng);
    }

    @Override
    public Step step() {
        return Step.DUPLICATE;
    }

    @Override
    public Stage newStage(StageContext carrier) {
        return (m, draws) -> {
            long extra = extraMillis(draws);
            if (extra != NONE) {
                m.copyAt = m.visible + extra;
            }
        };
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String describe() {
        return "duplicate " + probability + " after " + extraDelay.describe();
    }
}
