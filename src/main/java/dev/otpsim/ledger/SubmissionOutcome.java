package dev.otpsim.ledger;

/**
 * What a submitted code really was, from ledger truth (SPEC "Submission outcome"). Codes from
 * authenticator apps are {@code accepted} or {@code mistyped} like sent ones, and have three ways
 * of being refused of their own ({@code totp-*}); they are never stale or expired.
 */
public enum SubmissionOutcome {
    ACCEPTED("accepted"),
    /** Really issued to this person, but a newer code had been issued before the submission. */
    STALE("stale"),
    EXPIRED("expired"),
    /** Never issued to this person. */
    MISTYPED("mistyped"),
    /** The target refused the code as burned (too many attempts on it, or gone): ask for a new one. */
    CODE_DEAD("code-dead"),
    LOCKED("locked"),
    RATE_LIMITED("rate-limited"),
    ERROR("error"),
    /**
     * An authenticator code that was inside the service's window when the person read it, and
     * outside by the time they submitted it: it rolled over while they typed.
     */
    TOTP_ROLLED_OVER("totp-rolled-over"),
    /** An authenticator code outside the window even when read: the phone's clock is off by more than the window. */
    TOTP_SKEWED("totp-skewed"),
    /** An authenticator code of a step already used to sign in, refused as a replay. */
    TOTP_REPLAYED("totp-replayed");

    private final String id;

    SubmissionOutcome(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
