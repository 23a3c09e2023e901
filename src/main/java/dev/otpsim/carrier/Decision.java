package dev.otpsim.carrier;

import dev.otpsim.carrier.impairment.LossReason;

import dev.otpsim.distribution.Durations;

/**
 * What a carrier decided for one message: when its copies become visible, or why it is lost.
 * At most two copies exist (the message and one duplicate), so no list is needed.
 *
 * @param message          the message decided on
 * @param loss             why it is lost, or null when it is delivered
 * @param lostAtMillis     simulated time the carrier gives up (only when lost)
 * @param visibleAtMillis  simulated time the first copy becomes visible (only when delivered)
 * @param duplicateAtMillis simulated time a second copy becomes visible, or {@link #NO_DUPLICATE}
 */
public record Decision(CarrierMessage message, LossReason loss, long lostAtMillis, long visibleAtMillis,
                       long duplicateAtMillis) {

    public static final long NO_DUPLICATE = -1;

    public static Decision delivered(CarrierMessage m, long visibleAtMillis, long duplicateAtMillis) {
        return new Decision(m, null, -1, visibleAtMillis, duplicateAtMillis);
    }

    public static Decision lost(CarrierMessage m, LossReason reason, long atMillis) {
        return new Decision(m, reason, atMillis, -1, NO_DUPLICATE);
    }

    public boolean isLost() {
        return loss != null;
    }

    public boolean hasDuplicate() {
        return duplicateAtMillis != NO_DUPLICATE;
    }

    /** One line of a decision log: the same seed and messages give the same lines. */
    @Override
    public String toString() {
        String head = "#" + message.id() + " " + message.channel() + " to=" + message.to() + " issued="
                + message.issuedAtMillis();
        if (isLost()) {
            return head + " lost " + loss.id() + " at=" + lostAtMillis;
        }
        return head + " visible=" + visibleAtMillis + " (+" + Durations.show(visibleAtMillis - message.issuedAtMillis())
                + ")" + (hasDuplicate() ? " duplicate=" + duplicateAtMillis : "");
    }
}
