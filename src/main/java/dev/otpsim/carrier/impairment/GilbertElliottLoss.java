package dev.otpsim.carrier.impairment;

import java.util.random.RandomGenerator;

/**
 * Bursty loss (Gilbert–Elliott): the carrier is either in a good or a bad state; in the bad state
 * it loses most messages. Per message, the current state decides the loss, then the state moves:
 * good → bad with probability {@code p}, bad → good with probability {@code r}. The bad state
 * therefore lasts 1/r messages on average, and the long-run share of messages sent in the bad
 * state is p / (p + r). A carrier starts in the good state.
 *
 * <pre>
 * loss { model = gilbert-elliott, p = 0.01, r = 0.25, loss-in-bad = 0.9, loss-in-good = 0 }
 * </pre>
 *
 * @param p          probability of moving good → bad after a message
 * @param r          probability of moving bad → good after a message
 * @param lossInBad  loss probability in the bad state
 * @param lossInGood loss probability in the good state (usually 0)
 */
public record GilbertElliottLoss(double p, double r, double lossInBad, double lossInGood) implements Impairment {
    public static final String KEY = "loss";

    public GilbertElliottLoss {
        for (double v : new double[] {p, r, lossInBad, lossInGood}) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("probabilities must be in [0, 1]: " + this);
            }
        }
    }

    /** Long-run share of messages lost. */
    public double meanLossRate() {
        double bad = p + r == 0 ? 0 : p / (p + r);
        return bad * lossInBad + (1 - bad) * lossInGood;
    }

    /** A fresh channel in the good state, for one carrier. */
    public MessageLoss newChannel() {
        return new State();
    }

    @Override
    public Step step() {
        return Step.LOSS;
    }

    @Override
    public Stage newStage(StageContext carrier) {
        return Loss.lossStage(newChannel());
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String describe() {
        return "loss gilbert-elliott(p=" + p + ", r=" + r + ", loss-in-bad=" + lossInBad
                + ", loss-in-good=" + lossInGood + ")";
    }

    /** The two-state channel; used by one carrier, in message order. */
    private final class State implements MessageLoss {
        private boolean bad;

        /** Two uniform draws per message: one for the loss, one for the state change. */
        @Override
        public boolean lose(RandomGenerator rng) {
            boolean lost = rng.nextDouble() < (bad ? lossInBad : lossInGood);
            double move = rng.nextDouble();
            bad = bad ? move >= r : move < p;
            return lost;
        }
    }
}
