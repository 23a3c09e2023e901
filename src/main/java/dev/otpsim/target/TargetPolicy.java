package dev.otpsim.target;

import dev.otpsim.config.Section;
import java.time.Duration;

/**
 * Every knob of the reference target's policy (SPEC "Target policy"); all durations are
 * simulated time.
 *
 * <pre>{@code
 * TargetPolicy twilioLike = TargetPolicy.defaults()
 *         .withRotation(Rotation.SAME_CODE);
 * TargetPolicy fromFile = TargetPolicy.read(root.section("policy")); // then problems.throwIfAny()
 * }</pre>
 *
 * @param codeLength             digits per code, 4..10
 * @param codeTtl                validity of a code from its issue
 * @param rotation               what a new send does to older codes
 * @param resendCooldown         minimum gap between two sends to one person (zero = none)
 * @param maxSends               sends per person allowed within {@code maxSendsWindow}
 * @param maxSendsWindow         the sliding window for {@code maxSends}
 * @param maxAttempts            failed verifications that lock the person
 * @param lockout                how long a locked person is refused
 * @param attemptsResetOnResend  whether a new send resets the failure count (a known bypass when true)
 * @param totp                   how codes from authenticator apps are checked ({@code totp { ... }})
 */
public record TargetPolicy(
        int codeLength,
        Duration codeTtl,
        Rotation rotation,
        Duration resendCooldown,
        int maxSends,
        Duration maxSendsWindow,
        int maxAttempts,
        Duration lockout,
        boolean attemptsResetOnResend,
        TotpPolicy totp) {

    public static final int MIN_CODE_LENGTH = 4;
    public static final int MAX_CODE_LENGTH = 10;
    /** Upper bound for counts in files: far above any real policy, small enough to keep state tiny. */
    public static final int MAX_COUNT = 1_000_000;

    public TargetPolicy {
        if (codeLength < MIN_CODE_LENGTH || codeLength > MAX_CODE_LENGTH) {
            throw new IllegalArgumentException("code-length must be in [4, 10], got " + codeLength);
        }
        requirePositive("code-ttl", codeTtl);
        if (rotation == null) {
            throw new IllegalArgumentException("rotation is required");
        }
        if (resendCooldown == null || resendCooldown.isNegative()) {
            throw new IllegalArgumentException("resend-cooldown must not be negative, got " + resendCooldown);
        }
        if (maxSends < 1 || maxSends > MAX_COUNT) {
            throw new IllegalArgumentException("max-sends must be in [1, " + MAX_COUNT + "], got " + maxSends);
        }
        requirePositive("max-sends-window", maxSendsWindow);
        if (maxAttempts < 1 || maxAttempts > MAX_COUNT) {
            throw new IllegalArgumentException("max-attempts must be in [1, " + MAX_COUNT + "], got " + maxAttempts);
        }
        requirePositive("lockout", lockout);
        if (totp == null) {
            throw new IllegalArgumentException("totp is required (TotpPolicy.defaults())");
        }
    }

    /** A policy with the default {@link TotpPolicy}. */
    public TargetPolicy(int codeLength, Duration codeTtl, Rotation rotation, Duration resendCooldown, int maxSends,
                        Duration maxSendsWindow, int maxAttempts, Duration lockout, boolean attemptsResetOnResend) {
        this(codeLength, codeTtl, rotation, resendCooldown, maxSends, maxSendsWindow, maxAttempts, lockout,
                attemptsResetOnResend, TotpPolicy.defaults());
    }

    /**
     * Sensible defaults close to common practice: 6 digits valid 10 minutes, only the latest code
     * valid, 30 s between sends, 5 sends per 10 minutes, 5 failures lock for 30 minutes, and a
     * resend never gives fresh attempts.
     */
    public static TargetPolicy defaults() {
        return new TargetPolicy(6, Duration.ofMinutes(10), Rotation.LATEST_ONLY, Duration.ofSeconds(30),
                5, Duration.ofMinutes(10), 5, Duration.ofMinutes(30), false);
    }

    /**
     * Reads a policy object; every key is optional and falls back to {@link #defaults()}.
     * Problems (wrong type, out of range, unknown key) are recorded in {@code s.problems()} with
     * file, line and key; the defaults stand in for bad values so one pass reports everything.
     */
    public static TargetPolicy read(Section s) {
        TargetPolicy d = defaults();
        TargetPolicy p = new TargetPolicy(
                s.integer("code-length", d.codeLength, MIN_CODE_LENGTH, MAX_CODE_LENGTH),
                positive(s, "code-ttl", d.codeTtl),
                s.choice("rotation", Rotation.byId(), d.rotation),
                s.duration("resend-cooldown", d.resendCooldown),
                s.integer("max-sends", d.maxSends, 1, MAX_COUNT),
                positive(s, "max-sends-window", d.maxSendsWindow),
                s.integer("max-attempts", d.maxAttempts, 1, MAX_COUNT),
                positive(s, "lockout", d.lockout),
                s.bool("attempts-reset-on-resend", d.attemptsResetOnResend),
                s.has("totp") ? TotpPolicy.read(s.section("totp")) : d.totp);
        s.finish();
        return p;
    }

    /** A positive duration; a refused value (already reported) falls back to the default. */
    private static Duration positive(Section s, String key, Duration def) {
        Duration d = s.positiveDuration(key, def);
        return d.isZero() ? def : d;
    }

    public TargetPolicy withRotation(Rotation r) {
        return new TargetPolicy(codeLength, codeTtl, r, resendCooldown, maxSends, maxSendsWindow,
                maxAttempts, lockout, attemptsResetOnResend, totp);
    }

    public TargetPolicy withResendCooldown(Duration d) {
        return new TargetPolicy(codeLength, codeTtl, rotation, d, maxSends, maxSendsWindow,
                maxAttempts, lockout, attemptsResetOnResend, totp);
    }

    public TargetPolicy withMaxSends(int n, Duration window) {
        return new TargetPolicy(codeLength, codeTtl, rotation, resendCooldown, n, window,
                maxAttempts, lockout, attemptsResetOnResend, totp);
    }

    public TargetPolicy withMaxAttempts(int n, Duration lockoutFor) {
        return new TargetPolicy(codeLength, codeTtl, rotation, resendCooldown, maxSends, maxSendsWindow,
                n, lockoutFor, attemptsResetOnResend, totp);
    }

    public TargetPolicy withAttemptsResetOnResend(boolean reset) {
        return new TargetPolicy(codeLength, codeTtl, rotation, resendCooldown, maxSends, maxSendsWindow,
                maxAttempts, lockout, reset, totp);
    }

    public TargetPolicy withCode(int length, Duration ttl) {
        return new TargetPolicy(length, ttl, rotation, resendCooldown, maxSends, maxSendsWindow,
                maxAttempts, lockout, attemptsResetOnResend, totp);
    }

    public TargetPolicy withTotp(TotpPolicy t) {
        return new TargetPolicy(codeLength, codeTtl, rotation, resendCooldown, maxSends, maxSendsWindow,
                maxAttempts, lockout, attemptsResetOnResend, t);
    }

    /** One line for banners and reports, in the scenario's own words. */
    public String describe() {
        return "code-length " + codeLength + ", code-ttl " + human(codeTtl) + ", rotation " + rotation.id()
                + ", resend-cooldown " + human(resendCooldown) + ", max-sends " + maxSends + " per "
                + human(maxSendsWindow) + ", max-attempts " + maxAttempts + ", lockout " + human(lockout)
                + ", attempts-reset-on-resend " + attemptsResetOnResend;
    }

    private static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms > 0) {
            return (ms / 60_000) + "m";
        }
        if (ms % 1000 == 0) {
            return (ms / 1000) + "s";
        }
        return ms + "ms";
    }

    private static void requirePositive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be greater than zero, got " + d);
        }
    }
}
