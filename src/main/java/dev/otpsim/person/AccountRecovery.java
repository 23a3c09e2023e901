package dev.otpsim.person;

import dev.otpsim.distribution.Durations;

/**
 * Account recovery, the last resort (scenario key {@code recovery}): a journey that reaches it
 * ends {@code recovery}; the person gets access back after {@code delay} (an ID check, a support
 * ticket), and each case costs the service {@code cost}.
 *
 * <pre>
 * recovery { delay = 2d, cost = 15, currency = USD }
 * </pre>
 *
 * @param delayMillis how long a case takes until the person can sign in again (simulated)
 * @param costPerCase what one case costs, in {@code currency}
 * @param currency    named in reports, e.g. USD
 */
public record AccountRecovery(long delayMillis, double costPerCase, String currency) {
    /** Two days and no cost until the scenario says what a case costs. */
    public static final AccountRecovery DEFAULTS = new AccountRecovery(2 * 86_400_000L, 0.0, "USD");

    public String describe() {
        return Durations.show(delayMillis) + ", " + costPerCase + " " + currency + " per case";
    }
}
