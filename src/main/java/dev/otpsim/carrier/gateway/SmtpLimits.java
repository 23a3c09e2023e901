package dev.otpsim.carrier.gateway;

import java.time.Duration;

/**
 * How long and how many SMTP sessions the gateway keeps, whatever a client does to look busy:
 * NOOP, RSET, HELP or EHLO do not count as activity, only mail transactions (MAIL, RCPT, DATA).
 *
 * <pre>{@code
 * SmtpGateway smtp = SmtpGateway.start("127.0.0.1", 0, intake, SmtpLimits.DEFAULTS);
 * SmtpLimits strict = SmtpLimits.DEFAULTS.withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(2)); // in a test
 * }</pre>
 *
 * @param maxSessions          sessions open at once; more are greeted {@code 421} and closed
 * @param maxSessionsPerClient sessions open at once from one client address; more are greeted
 *                             {@code 421} and closed, so one client cannot lock out the others
 * @param idleTimeout          a session with no mail transaction progress for this long is told
 *                             {@code 421} and closed, even if it keeps sending NOOP
 * @param sessionTimeout       no session lasts longer than this, however busy
 */
public record SmtpLimits(int maxSessions, int maxSessionsPerClient, Duration idleTimeout, Duration sessionTimeout) {

    /** 256 sessions, 32 per client, 60 s without a mail transaction, 5 minutes in all. */
    public static final SmtpLimits DEFAULTS = new SmtpLimits(256, 32, Duration.ofSeconds(60), Duration.ofMinutes(5));

    public SmtpLimits {
        if (maxSessions < 1 || maxSessionsPerClient < 1 || maxSessionsPerClient > maxSessions) {
            throw new IllegalArgumentException("need 1 <= maxSessionsPerClient <= maxSessions, got "
                    + maxSessionsPerClient + " and " + maxSessions);
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()
                || sessionTimeout == null || sessionTimeout.isNegative() || sessionTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive, got " + idleTimeout + " and " + sessionTimeout);
        }
    }

    public SmtpLimits withTimeouts(Duration idle, Duration session) {
        return new SmtpLimits(maxSessions, maxSessionsPerClient, idle, session);
    }

    public SmtpLimits withSessions(int total, int perClient) {
        return new SmtpLimits(total, perClient, idleTimeout, sessionTimeout);
    }
}
