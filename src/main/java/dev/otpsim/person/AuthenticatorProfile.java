package dev.otpsim.person;

/**
 * Which people of a profile have an authenticator app, and how their phones behave (profile key
 * {@code authenticator}):
 *
 * <pre>
 * authenticator {
 *   share = 0.3                                              # of this profile's people, enrolled with the service
 *   clock-skew { type = normal, mean = 0s, stddev = 20s }    # how far their phone's clock is off
 *   lost-device = 0.02                                       # of those enrolled, share who lost the phone with the app
 * }
 * </pre>
 * Each is one keyed draw per person (seed, person), so a person enrolled at a 30 % share is still
 * enrolled at 60 % in another variant, with the same phone. An enrolled person who still has the
 * device signs in with the app first; one who lost it uses their channel and fallback order,
 * skipping {@code authenticator}.
 *
 * @param share      probability a person of this profile is enrolled
 * @param clockSkew  their phone clock's offset
 * @param lostDevice probability an enrolled person no longer has the device
 */
public record AuthenticatorProfile(double share, ClockSkew clockSkew, double lostDevice) {
    /** Nobody has an authenticator app. */
    public static final AuthenticatorProfile NONE = new AuthenticatorProfile(0, ClockSkew.NONE, 0);
}
