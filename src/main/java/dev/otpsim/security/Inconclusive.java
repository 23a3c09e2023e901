package dev.otpsim.security;

/**
 * A probe cannot reach a verdict: a precondition failed (the right code was refused, no code
 * reached the gateway, the target asks for a wait beyond the probe's time bound). The message
 * is the finding the user reads, so it says what happened and what to check.
 */
final class Inconclusive extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Inconclusive(String message) {
        super(message);
    }
}
