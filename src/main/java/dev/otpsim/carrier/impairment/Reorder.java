package dev.otpsim.carrier.impairment;

import dev.otpsim.distribution.DurationDistribution;
import java.util.random.RandomGenerator;

/**
 * Extra hold-back: with {@code probability}, a message waits an extra {@code gap} in the carrier,
 * so messages sent after it can overtake it. This adds to the reordering that independent delays
 * already cause (two sends g apart with exponential delays of mean m swap with probability
 * ½·e^(−g/m)).
 *
 * <pre>
 * reorder { probability = 0.05, gap = 20s }
 * </pre>
 */
public record Reorder(double probability, DurationDistribution gap) implements Impairment {
    public static final String KEY = "reorder";

    public Reorder {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
        }
        java.util.Objects.requireNonNull(gap, "gap");
    }

    /** The extra hold-back in simulated ms, 0 for most messages. */
    public long holdBackMillis(RandomGenerator rng) {
        if (rng.nextDouble() >= probability) {
            return 0;
        }
        return gap.sampleMillis(rng);
    }

    @Override
    public Step step() {
        return Step.REORDER;
    }

    @Override
    public Stage newStage(StageContext carrier) {
        return (m, draws) -> m.visible += holdBackMillis(draws);
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String describe() {
        return "reorder " + probability + " held back " + gap.describe();
    }
}
