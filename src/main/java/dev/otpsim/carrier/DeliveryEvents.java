package dev.otpsim.carrier;

/**
 * What the gateway and carriers report, as it happens: the ground truth the ledger classifies
 * submissions from. Implementations must be thread-safe and must not block; every event
 * does nothing by default.
 */
public interface DeliveryEvents {

    /** The gateway accepted a message: its code now exists for that recipient. */
    default void issued(CarrierMessage message) {
    }

    /** A copy became visible in the recipient's handset at {@code visibleAtMillis} (simulated). */
    default void delivered(CarrierMessage message, long visibleAtMillis, boolean duplicate) {
    }

    /** The carrier gave up on the message. */
    default void lost(CarrierMessage message, LossReason reason, long atMillis) {
    }

    /** The carrier decided to deliver a second copy. */
    default void duplicated(CarrierMessage message, long atMillis) {
    }

    /** The recipient is no simulated person: counted and reported, never dropped silently. */
    default void unknownRecipient(CarrierMessage message) {
    }

    /** Reports nothing: for the gateway served alone. Listeners override only what they need. */
    DeliveryEvents NONE = new DeliveryEvents() {
    };
}
