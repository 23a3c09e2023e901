package dev.otpsim.target;

import dev.otpsim.config.Section;
import dev.otpsim.totp.Totp;
import java.time.Duration;
import java.util.Map;

/**
 * How the reference target checks codes from authenticator apps (RFC 6238), the {@code totp}
 * section of its policy. Every duration is simulated time, on the clock the service already reads.
 *
 * <pre>
 * target.policy.totp {
 *   step = 30s          # a code's time step (RFC 6238's X)
 *   digits = 6          # 6 to 8
 *   window = 1          # steps accepted either side of the current one: ±1 = codes up to 30 s old or early
 *   algorithm = sha1    # sha1 | sha256 | sha512
 *   replay = refuse     # refuse: a code of a step already used (or older) is refused; allow: accepted again
 * }
 * </pre>
 * A refused code — outside the window, replayed, or wrong — is a failed attempt like any other
 * wrong code, counted toward {@code max-attempts}.
 *
 * @param step         the time step
 * @param digits       code length
 * @param window       steps accepted before and after the current one
 * @param algorithm    the HMAC hash
 * @param refuseReplay whether a step at or before the last one accepted for the person is refused
 */
public record TotpPolicy(Duration step, int digits, int window, Totp.Algorithm algorithm, boolean refuseReplay) {
    public static final int MAX_WINDOW = 10;
    private static final Duration MIN_STEP = Duration.ofSeconds(1);
    private static final Duration MAX_STEP = Duration.ofHours(1);

    public TotpPolicy {
        if (step == null || step.compareTo(MIN_STEP) < 0 || step.compareTo(MAX_STEP) > 0) {
            throw new IllegalArgumentException("totp step must be in [1s, 1h], got " + step);
        }
        if (window < 0 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("totp window must be in [0, " + MAX_WINDOW + "], got " + window);
        }
        new Totp(algorithm, digits, step.toMillis()); // checks digits and algorithm
    }

    /** RFC 6238's recommendation: 30 s steps, 6 digits, one step of delay either way, SHA-1, no replay. */
    public static TotpPolicy defaults() {
        return new TotpPolicy(Duration.ofSeconds(30), 6, 1, Totp.Algorithm.SHA1, true);
    }

    /** The code generator this policy implies. */
    public Totp totp() {
        return new Totp(algorithm, digits, step.toMillis());
    }

    /** Reads a {@code totp} object; every key optional, problems recorded with file, line and key. */
    public static TotpPolicy read(Section s) {
        TotpPolicy d = defaults();
        Duration step = s.positiveDuration("step", d.step);
        if (step.compareTo(MIN_STEP) < 0 || step.compareTo(MAX_STEP) > 0) {
            if (!step.isZero()) {
                s.problem("step", "expected a step between 1s and 1h (authenticator apps use 30s), got "
                        + dev.otpsim.distribution.Durations.show(step.toMillis()));
            }
            step = d.step;
        }
        int digits = s.integer("digits", d.digits, Totp.MIN_DIGITS, Totp.MAX_DIGITS);
        int window = s.integer("window", d.window, 0, MAX_WINDOW);
        Totp.Algorithm algorithm = s.choice("algorithm", Totp.Algorithm.byId(), d.algorithm);
        boolean refuse = s.choice("replay", Map.of("refuse", true, "allow", false), d.refuseReplay);
        s.finish();
        return new TotpPolicy(step, digits, window, algorithm, refuse);
    }

    /** One phrase for banners: {@code sha1, 6 digits, step 30s, window ±1, replay refused}. */
    public String describe() {
        return totp().describe() + ", window ±" + window + ", replay " + (refuseReplay ? "refused" : "allowed");
    }
}
