package dev.otpsim.target;

/** A request the contract cannot answer: becomes a 4xx with {@code {"error":...,"message":...}}. */
final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    BadRequest(String message) {
        this(400, "bad_request", message);
    }

    BadRequest(int status, String error, String message) {
        super(message, null, false, false); // control flow, not a crash: no stack trace needed
        this.status = status;
        this.error = error;
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }
}
