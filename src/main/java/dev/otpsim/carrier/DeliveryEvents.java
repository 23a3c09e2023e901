package dev.otpsim.carrier;

import dev.otpsim.carrier.impairment.LossReason;

/**
 * What the gateway and carriers report, as it happens: the ground truth the ledger classifies
 * submissions from. Implementations must be thread-safe and must not block; every event
 * does nothing by default.
 */
public interface DeliveryEvents {

    /** The gateway accepted a message: its code now exists for that recipient. */
    default void issued(CarrierMessage message) {
    }

    /**
     * A copy became visible in the recipient's handset at {@code visibleAtMillis} (simulated),
     * {@code lateMillis} after the carrier planned it: 0 in virtual time; in scaled real time the
     * timer's own lateness times the time-scale — harness lag, which the run measures.
     */
    default void delivered(CarrierMessage message, long visibleAtMillis, boolean duplicate, long lateMillis) {
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

    /**
     * Only the events about messages {@code keep} accepts go on to {@code next} (e.g. without
     * warm-up traffic).
     */
    static DeliveryEvents filter(java.util.function.Predicate<CarrierMessage> keep, DeliveryEvents next) {
        return new DeliveryEvents() {
            @Override
            public void issued(CarrierMessage m) {
                if (keep.test(m)) {
                    next.issued(m);
                }
            }

            @Override
            public void delivered(CarrierMessage m, long visibleAtMillis, boolean duplicate, long lateMillis) {
                if (keep.test(m)) {
                    next.delivered(m, visibleAtMillis, duplicate, lateMillis);
                }
            }

            @Override
            public void lost(CarrierMessage m, LossReason reason, long atMillis) {
                if (keep.test(m)) {
                    next.lost(m, reason, atMillis);
                }
            }

            @Override
            public void duplicated(CarrierMessage m, long atMillis) {
                if (keep.test(m)) {
                    next.duplicated(m, atMillis);
                }
            }

            @Override
            public void unknownRecipient(CarrierMessage m) {
                if (keep.test(m)) {
                    next.unknownRecipient(m);
                }
            }
        };
    }

    /**
     * Every event goes to {@code first}, then to {@code second}: a listener that only watches
     * (a console, a lateness gauge) beside the one that counts (the ledger), without a wrapper
     * that forwards each event by hand.
     *
     * <pre>{@code
     * DeliveryEvents events = DeliveryEvents.tee(consoleLines, ledger);
     * }</pre>
     */
    static DeliveryEvents tee(DeliveryEvents first, DeliveryEvents second) {
        return new DeliveryEvents() {
            @Override
            public void issued(CarrierMessage m) {
                first.issued(m);
                second.issued(m);
            }

            @Override
            public void delivered(CarrierMessage m, long visibleAtMillis, boolean duplicate, long lateMillis) {
                first.delivered(m, visibleAtMillis, duplicate, lateMillis);
                second.delivered(m, visibleAtMillis, duplicate, lateMillis);
            }

            @Override
            public void lost(CarrierMessage m, LossReason reason, long atMillis) {
                first.lost(m, reason, atMillis);
                second.lost(m, reason, atMillis);
            }

            @Override
            public void duplicated(CarrierMessage m, long atMillis) {
                first.duplicated(m, atMillis);
                second.duplicated(m, atMillis);
            }

            @Override
            public void unknownRecipient(CarrierMessage m) {
                first.unknownRecipient(m);
                second.unknownRecipient(m);
            }
        };
    }

    /** Reports nothing: for the gateway served alone. Listeners override only what they need. */
    DeliveryEvents NONE = new DeliveryEvents() {
    };
}
