package dev.otpsim.carrier.impairment;

import java.util.random.RandomGenerator;

/**
 * Independent loss: each message is lost with the same probability, whatever happened to the
 * previous one. For losses that come in bursts use {@link GilbertElliottLoss}.
 *
 * <pre>
 * loss { probability = 0.01 }
 * </pre>
 */
public record Loss(double probability) implements Impairment, MessageLoss {
    public static final String KEY = "loss";

    public Loss {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
        }
    }

    /** One uniform draw per message. */
    @Override
    public boolean lose(RandomGenerator rng) {
        return rng.nextDouble() < probability;
    }

    @Override
    public Step step() {
        return Step.LOSS;
    }

    @Override
    public Stage newStage(StageContext carrier) {
        return lossStage(this);
    }

    /** The loss stage for any {@link MessageLoss}: lost when it leaves the carrier. */
    static Stage lossStage(MessageLoss loss) {
        return (m, draws) -> {
            if (loss.lose(draws)) {
                m.lose(LossReason.LOSS, m.departure);
            }
        };
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String describe() {
        return "loss " + probability;
    }
}
