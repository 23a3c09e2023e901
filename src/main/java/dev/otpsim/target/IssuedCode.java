package dev.otpsim.target;

import java.nio.charset.StandardCharsets;

/**
 * One code issued to a person: its digits as bytes (for a constant-time comparison) and its
 * validity. Codes live only inside the service; the string form goes to the outbox once.
 */
record IssuedCode(byte[] digits, long issuedAtMs, long expiresAtMs) {

    boolean expiredAt(long now) {
        return now >= expiresAtMs;
    }

    String text() {
        return new String(digits, StandardCharsets.US_ASCII);
    }
}
