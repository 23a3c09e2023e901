package dev.otpsim.target;

/**
 * Which people have an authenticator app set up with the service, and their secret: what a
 * service stores when someone scans its QR code. The embedded target of a run is given the run's
 * people (each secret derived from the seed and the person, see {@code RunPlan}); {@code otpsim
 * target} enrols people over HTTP ({@code POST /otp/enrol}).
 *
 * <pre>{@code
 * TotpEnrolments one = user -> user.equals("u-17") ? secret : null;
 * }</pre>
 */
@FunctionalInterface
public interface TotpEnrolments {
    /** Nobody has an authenticator app. */
    TotpEnrolments NONE = user -> null;

    /** {@code user}'s secret, or null when they have no authenticator app enrolled. Must not block. */
    byte[] secretOf(String user);
}
