package dev.otpsim.ledger;

import dev.otpsim.totp.Totp;
import dev.otpsim.totp.TotpClock;

/**
 * What the ledger knows of a person's authenticator app, in place of the codes the gateway sees
 * for sent ones: the secret they enrolled with and the service's rules. An authenticator code is
 * never "issued" through the gateway; the ledger computes which step a typed code belongs to.
 *
 * @param totp         algorithm, digits and step
 * @param window       steps the service accepts either side of the current one
 * @param refuseReplay whether a step already used is refused
 * @param secret       the person's secret
 * @param clock        the Unix time codes are made from, against simulated time
 */
public record AuthenticatorTruth(Totp totp, int window, boolean refuseReplay, byte[] secret, TotpClock clock) {
}
