package dev.otpsim.carrier;

/**
 * What the gateway and carriers report, as it happens: the ground truth the ledger classifies
 * submissions from. Implementations must be thread-safe and must not block.
 */
public interface DeliveryEvents {

    /** The gateway accepted a message: its code now exists for that recipient. */
    void issued(CarrierMessage message);

    /** A copy became visible in the recipient's handset at {@code visibleAtMillis} (simulated). */
    void delivered(CarrierMessage message, long visibleAtMillis, boolean duplicate);

    /** The carrier gave up on the message. */
    void lost(CarrierMessage message, LossReason reason, long atMillis);

    /** The carrier decided to deliver a second copy. */
    void duplicated(CarrierMessage message, long atMillis);

    /** The recipient is no simulated person: counted and reported, never dropped silently. */
    void unknownRecipient(CarrierMessage message);

    /** Reports nothing: for the gateway served alone. */
    DeliveryEvents NONE = new DeliveryEvents() {
        public void issued(CarrierMessage message) {
        }

        public void delivered(CarrierMessage message, long visibleAtMillis, boolean duplicate) {
        }

        public void lost(CarrierMessage message, LossReason reason, long atMillis) {
        }

        public void duplicated(CarrierMessage message, long atMillis) {
        }

        public void unknownRecipient(CarrierMessage message) {
        }
    };
}
