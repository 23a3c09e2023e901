package dev.otpsim.person;

/**
 * A target's answer to a send or a verification, mapped onto the contract's outcomes. For the
 * reference target the mapping is the SPEC's status codes; external targets map their own.
 *
 * @param kind          what the target said
 * @param retryAfterMillis for {@code LOCKED} and {@code RATE_LIMITED}: how long to wait (simulated ms), else 0
 */
public record TargetAnswer(Kind kind, long retryAfterMillis) {

    public enum Kind {
        /** Send: the code is on its way (202). Verify: signed in (200). */
        ACCEPTED("accepted"),
        /** Verify: wrong code (401). */
        INVALID("invalid"),
        /** Verify: the code expired (410). */
        EXPIRED("expired"),
        /**
         * Verify: this code is dead — the service burned it (too many attempts, or it no longer
         * exists) without locking the account: the person must ask for a new one.
         */
        CODE_DEAD("code-dead"),
        /** The person is locked (423). */
        LOCKED("locked"),
        /** Too soon or too many (429). */
        RATE_LIMITED("rate-limited"),
        /** Anything else: 5xx, timeouts, refused connections, unmapped answers. */
        ERROR("error");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** Whether an answer of this kind carries a wait ({@link #LOCKED}, {@link #RATE_LIMITED}). */
        public boolean waits() {
            return this == LOCKED || this == RATE_LIMITED;
        }
    }

    public static final TargetAnswer ACCEPTED = new TargetAnswer(Kind.ACCEPTED, 0);
    public static final TargetAnswer INVALID = new TargetAnswer(Kind.INVALID, 0);
    public static final TargetAnswer EXPIRED = new TargetAnswer(Kind.EXPIRED, 0);
    public static final TargetAnswer ERROR = new TargetAnswer(Kind.ERROR, 0);
    public static final TargetAnswer CODE_DEAD = new TargetAnswer(Kind.CODE_DEAD, 0);

    /**
     * The answer of {@code kind}: the shared constant for the kinds without a wait, else a new
     * answer with {@code retryAfterMillis}. Callers read a wait only when {@link Kind#waits()}.
     */
    public static TargetAnswer of(Kind kind, long retryAfterMillis) {
        return switch (kind) {
            case ACCEPTED -> ACCEPTED;
            case INVALID -> INVALID;
            case EXPIRED -> EXPIRED;
            case CODE_DEAD -> CODE_DEAD;
            case ERROR -> ERROR;
            case LOCKED -> locked(retryAfterMillis);
            case RATE_LIMITED -> rateLimited(retryAfterMillis);
        };
    }

    public static TargetAnswer locked(long retryAfterMillis) {
        return new TargetAnswer(Kind.LOCKED, retryAfterMillis);
    }

    public static TargetAnswer rateLimited(long retryAfterMillis) {
        return new TargetAnswer(Kind.RATE_LIMITED, retryAfterMillis);
    }
}
