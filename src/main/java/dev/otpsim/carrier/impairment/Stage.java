package dev.otpsim.carrier.impairment;

import java.util.random.RandomGenerator;

/**
 * One fault at work in one carrier (a Toxiproxy "toxic" on one link): created by its
 * {@link Impairment} for that carrier, holding whatever state the fault keeps between messages
 * (the Gilbert–Elliott channel state, the capacity queue's last departure), and applied to every
 * message in transit through this one method.
 */
@FunctionalInterface
public interface Stage {

    /**
     * Applies the fault to {@code message}.
     *
     * @param draws this message's own random stream for this fault: the same draws for the k-th
     *              message to a recipient in every run with the same seed
     */
    void apply(Transit message, RandomGenerator draws);
}
