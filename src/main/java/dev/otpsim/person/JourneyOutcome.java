package dev.otpsim.person;

/** How a journey (one person's sign-in attempt) ended. */
public enum JourneyOutcome {
    SUCCESS("success"),
    ABANDONED("abandoned"),
    /** Still locked when the person's patience ended. */
    LOCKED_OUT("locked-out"),
    ERROR("error");

    private final String id;

    JourneyOutcome(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
