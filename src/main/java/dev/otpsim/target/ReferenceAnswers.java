package dev.otpsim.target;

import dev.otpsim.person.TargetAnswer;

/**
 * The reference target's answers as a person perceives them, straight from {@link OtpService}'s
 * results: what the virtual-time engine hands people instead of an HTTP response. The HTTP side
 * ({@link TargetServer}'s status and body, read through {@link ReferenceContract}'s table) must
 * come to the same answer for every result; {@code ReferenceContractTest} checks that they do.
 *
 * <pre>{@code
 * TargetAnswer a = ReferenceAnswers.of(service.send("u-17", Channel.SMS));   // 202 → accepted
 * }</pre>
 */
public final class ReferenceAnswers {
    private ReferenceAnswers() {
    }

    public static TargetAnswer of(SendResult r) {
        if (r instanceof SendResult.Sent) {
            return TargetAnswer.ACCEPTED;
        }
        if (r instanceof SendResult.RateLimited limited) {
            return TargetAnswer.rateLimited(limited.retryAfterMs());
        }
        if (r instanceof SendResult.Locked locked) {
            return TargetAnswer.locked(locked.retryAfterMs());
        }
        return TargetAnswer.ERROR; // unavailable (503): the code could not be handed over

    }

    public static TargetAnswer of(VerifyResult r) {
        if (r instanceof VerifyResult.Accepted) {
            return TargetAnswer.ACCEPTED;
        }
        if (r instanceof VerifyResult.Invalid) {
            return TargetAnswer.INVALID;
        }
        if (r instanceof VerifyResult.Expired) {
            return TargetAnswer.EXPIRED;
        }
        return TargetAnswer.locked(((VerifyResult.Locked) r).retryAfterMs());
    }
}
