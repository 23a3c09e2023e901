package dev.otpsim.ledger;

/** What a submitted code really was, from ledger truth (SPEC "Submission outcome"). */
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
    ERROR("error");

    private final String id;

    SubmissionOutcome(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
