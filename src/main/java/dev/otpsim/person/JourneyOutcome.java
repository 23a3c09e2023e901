package dev.otpsim.person;

/** How a journey (one person's sign-in attempt) ended. */
public enum JourneyOutcome {
    SUCCESS("success"),
    ABANDONED("abandoned"),
    /** Still locked when the person's patience ended. */
    LOCKED_OUT("locked-out"),
    ERROR("error"),
    /**
     * Ended in account recovery: the person ran out of ways to sign in, or was locked out, and their
     * fallback order ends in {@code recovery}. Appended after error to keep the others' numbers.
     */
    RECOVERY("recovery");

    private final String id;

    JourneyOutcome(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
