package dev.otpsim.target;

/**
 * The service's answer to a typed code: 200 accepted, 401 invalid, 410 expired, 423 locked.
 *
 * <pre>{@code
 * VerifyResult r = service.verify("u-17", "123456");
 * if (r instanceof VerifyResult.Locked l) { retry after l.retryAfterMs() }
 * }</pre>
 */
public sealed interface VerifyResult {

    /** The code was valid; it is consumed and cannot be used again. */
    record Accepted() implements VerifyResult {
    }

    /** No valid code matched: a failed attempt that counts towards {@code max-attempts}. */
    record Invalid() implements VerifyResult {
    }

    /** The code was really issued to this person but is past its ttl; not counted as a failed attempt. */
    record Expired() implements VerifyResult {
    }

    /** Refused without looking at the code: the person is locked out. */
    record Locked(long retryAfterMs) implements VerifyResult {
    }
}
