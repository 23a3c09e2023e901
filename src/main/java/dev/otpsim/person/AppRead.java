package dev.otpsim.person;

/**
 * A code a person read off their authenticator app: what the app showed, for which time step (by
 * the phone's clock), and when they looked (simulated ms, the true time). The ledger judges an
 * authenticator submission against it: refused because the code rolled over while they typed, or
 * because the phone's clock was off.
 */
public record AppRead(String code, long step, long readAtMillis) {
}
