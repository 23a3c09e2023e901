package dev.otpsim.carrier;

import dev.otpsim.handset.Channel;

/**
 * A message a target handed to the carrier gateway, with the code extracted from its body.
 *
 * @param id             unique per run, assigned by the gateway in arrival order
 * @param channel        the carrier that carries it
 * @param to             recipient address (phone, email or user id)
 * @param code           the code found in the body, or null when the body had none
 * @param issuedAtMillis simulated time the gateway received it: the moment the code was issued
 * @param nth            the how-manieth message to this recipient (1-based): keys the carrier's
 *                       draws, so the k-th message to a person meets the same luck in every variant
 * @param sendNumber     which of the person's accepted sends this message answers (1-based), when
 *                       the target says so (the embedded target hands over in-process); 0 when
 *                       unknown (an external target's message): the ledger then pairs by order
 */
public record CarrierMessage(long id, Channel channel, String to, String code, long issuedAtMillis, long nth,
                             int sendNumber) {

    /** A message with no recipient count or send number known: numbered by its id. */
    public CarrierMessage(long id, Channel channel, String to, String code, long issuedAtMillis) {
        this(id, channel, to, code, issuedAtMillis, id, 0);
    }
}
