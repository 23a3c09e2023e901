package dev.otpsim.target;

/**
 * The service's answer to "send me a code".
 *
 * <pre>{@code
 * SendResult r = service.send("u-17", Channel.SMS);
 * if (r instanceof SendResult.Sent s) { ... }              // 202
 * else if (r instanceof SendResult.RateLimited l) { ... }  // 429 l.limit().wire(), l.retryAfterMs()
 * else if (r instanceof SendResult.Locked l) { ... }       // 423 l.retryAfterMs()
 * else if (r instanceof SendResult.Unavailable u) { ... }  // 503: no code issued, try again shortly
 * }</pre>
 */
public sealed interface SendResult {

    /**
     * A code was handed to the outbox.
     *
     * @param code        the code sent (for in-process drivers and the ledger; never in an HTTP answer)
     * @param issuedAtMs  simulated time the code was first issued (earlier than now for a same-code resend)
     * @param expiresAtMs simulated time the code stops working
     * @param fresh       true for a newly generated code, false when the current code was re-sent
     */
    record Sent(String code, long issuedAtMs, long expiresAtMs, boolean fresh) implements SendResult {
    }

    /** Refused (429): too soon after the previous send, or too many sends in the window. */
    record RateLimited(SendLimit limit, long retryAfterMs) implements SendResult {
    }

    /** Refused (423): the person is locked out. */
    record Locked(long retryAfterMs) implements SendResult {
    }

    /**
     * Refused (503) because the outbox could not take the message now (the hand-over queue is
     * full): no code was issued and nothing about the person changed; asking again shortly works.
     */
    record Unavailable() implements SendResult {
    }
}
