package dev.otpsim.carrier.impairment;

import java.util.random.RandomGenerator;

/**
 * Decides, message by message and in order, whether the carrier silently loses a message.
 * Implementations may keep state between messages (bursty loss), so one instance serves one carrier.
 */
public interface MessageLoss {

    /** True when the next message is lost. */
    boolean lose(RandomGenerator rng);
}
