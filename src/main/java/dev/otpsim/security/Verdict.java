package dev.otpsim.security;

/** How one security probe ended. */
public enum Verdict {
    /** The target held: the probe's criterion was met. */
    PASS("pass"),
    /** The probe found the weakness it looks for; the evidence says how much. */
    FAIL("fail"),
    /** The probe does not apply (e.g. no attempt limit to reset); the finding says why. */
    SKIPPED("skipped"),
    /** The probe could not reach a verdict (no code arrived, a wait beyond its time bound, ...). */
    ERROR("error");

    private final String id;

    Verdict(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
        return id;
    }
}
