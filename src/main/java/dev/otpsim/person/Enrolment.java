package dev.otpsim.person;

/**
 * A person's authenticator app as the run drew it: the secret they share with the service, how far
 * their phone's clock is off, and whether they still have the phone.
 *
 * @param secret          the shared secret (RFC 6238's K)
 * @param clockSkewMillis the phone's clock minus the true time
 * @param lostDevice      they lost the device: the service still knows them, they cannot use the app
 */
public record Enrolment(byte[] secret, long clockSkewMillis, boolean lostDevice) {
}
