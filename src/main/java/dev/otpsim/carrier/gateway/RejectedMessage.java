package dev.otpsim.carrier.gateway;

/**
 * A message the gateway refuses (malformed, no recipient, no code). Carries a stable error id for
 * machine-readable replies and a sentence for people.
 */
public final class RejectedMessage extends RuntimeException {
    private final String error;

    public RejectedMessage(String error, String message) {
        super(message, null, false, false); // an answer to a client, not a bug: no stack trace
        this.error = error;
    }

    /** Stable id such as {@code no_code}, {@code missing_field}, {@code unknown_channel}. */
    public String error() {
        return error;
    }
}
