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
 */
public record CarrierMessage(long id, Channel channel, String to, String code, long issuedAtMillis) {
}
