package dev.otpsim.carrier.impairment;

import dev.otpsim.distribution.DurationDistribution;
import java.util.random.RandomGenerator;

/**
 * The carrier's transit time, from leaving its send queue to reaching the handset.
 *
 * <pre>
 * delay = 2s
 * delay { type = lognormal, median = 4s, sigma = 0.75, cap = 30m }
 * </pre>
 *
 * @param distribution simulated transit times; one uniform draw per message
 */
public record Delay(DurationDistribution distribution) implements Impairment {
    public static final String KEY = "delay";

    public Delay {
        java.util.Objects.requireNonNull(distribution, "distribution");
    }

    /** One transit time in simulated ms. */
    public long sampleMillis(RandomGenerator rng) {
        return distribution.sampleMillis(rng);
    }

    @Override
    public Step step() {
        return Step.DELAY;
    }

    @Override
    public Stage newStage(StageContext carrier) {
        return (m, draws) -> m.visible += sampleMillis(draws);
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String describe() {
        return "delay " + distribution.describe();
    }
}
