package dev.otpsim.security;

import dev.otpsim.scenario.Scenario;
import dev.otpsim.target.TargetPolicy;
import dev.otpsim.target.external.Expectations;

/**
 * The limits the probes hold the target to, and where they come from: the embedded target's
 * policy, or {@code target.external.expected}. A limit not declared (null) is observed: the
 * first refusal a person meets when going one request at a time.
 *
 * @param maxAttempts wrong verifications allowed before the target refuses more, or null
 * @param maxSends    sends per person allowed within the send window, or null
 * @param resendCooldownMs the embedded target's resend cooldown (simulated ms), or null for an external target
 * @param source      where they come from, in words
 */
public record Limits(Integer maxAttempts, Integer maxSends, Long resendCooldownMs, String source) {

    static Limits of(Scenario s) {
        if (s.external() == null) {
            TargetPolicy p = s.policy();
            return new Limits(p.maxAttempts(), p.maxSends(), p.resendCooldown().toMillis(),
                    "the embedded reference target's policy: " + p.describe());
        }
        Expectations e = s.external().expected();
        Integer attempts = e.maxAttempts() > 0 ? e.maxAttempts() : null;
        Integer sends = e.maxSends() > 0 ? e.maxSends() : null;
        String source = attempts == null && sends == null
                ? "not declared (target.external.expected): observed, one request at a time"
                : "target.external.expected" + (attempts == null || sends == null ? "; the other observed" : "");
        return new Limits(attempts, sends, null, source);
    }
}
