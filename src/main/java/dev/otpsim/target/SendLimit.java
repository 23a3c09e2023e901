package dev.otpsim.target;

/** Why a send was refused with 429; {@link #wire()} is the {@code error} word of the HTTP contract. */
public enum SendLimit {
    /** The resend cooldown since the previous send has not passed yet. */
    RESEND_TOO_SOON("resend_too_soon"),
    /** {@code max-sends} sends already happened within the sliding window. */
    TOO_MANY_SENDS("too_many_sends");

    private final String wire;

    SendLimit(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
