package dev.otpsim.carrier.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Enforces {@link SmtpLimits} on subethasmtp's sessions: admits a session only while its client
 * address has fewer than the limit open, and ends (421, then close) a session that has made no
 * mail-transaction progress for the idle timeout or has lasted the session timeout. subethasmtp's
 * own read timeout is reset by any command, NOOP included, so it alone cannot do this.
 *
 * <pre>{@code
 * SmtpSessions sessions = new SmtpSessions(limits, new GatewayRefusals());
 * SMTPServer.port(0).sessionHandler(sessions).messageHandlerFactory(ctx -> { sessions.progress(ctx); ... });
 * }</pre>
 */
final class SmtpSessions implements SessionHandler, AutoCloseable {
    private final SmtpLimits limits;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "smtp-session-limits");
        t.setDaemon(true);
        return t;
    });
    private final Map<InetAddress, Integer> perClient = new HashMap<>();
    private final Map<MessageContext, Tracked> live = new ConcurrentHashMap<>();

    /** One admitted session: when it began, when it last moved a mail transaction on, its pending check. */
    private static final class Tracked {
        final Session session;
        final long startNanos;
        volatile long progressNanos;
        ScheduledFuture<?> check;

        Tracked(Session session, long now) {
            this.session = session;
            this.startNanos = now;
            this.progressNanos = now;
        }
    }

    private final GatewayRefusals refusals;

    SmtpSessions(SmtpLimits limits, GatewayRefusals refusals) {
        this.limits = limits;
        this.refusals = refusals;
    }

    @Override
    public SessionAcceptance accept(Session session) {
        InetAddress client = session.getRealRemoteAddress().getAddress();
        synchronized (perClient) {
            int mine = perClient.getOrDefault(client, 0);
            if (mine >= limits.maxSessionsPerClient()) {
                refusals.smtp("session", 421, "too_many_sessions");
                return SessionAcceptance.failure(421, "4.7.0 too many sessions from " + client.getHostAddress()
                        + " (limit " + limits.maxSessionsPerClient() + "); try again later");
            }
            perClient.put(client, mine + 1);
        }
        Tracked t = new Tracked(session, System.nanoTime());
        live.put(session, t);
        schedule(t);
        return SessionAcceptance.success();
    }

    @Override
    public void onSessionEnd(Session session) {
        Tracked t = live.remove(session);
        if (t != null) {
            synchronized (t) {
                if (t.check != null) {
                    t.check.cancel(false);
                }
            }
        }
        InetAddress client = session.getRealRemoteAddress().getAddress();
        synchronized (perClient) {
            perClient.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** The session moved a mail transaction on (MAIL, RCPT, DATA begun or ended). */
    void progress(MessageContext context) {
        Tracked t = live.get(context);
        if (t != null) {
            t.progressNanos = System.nanoTime();
        }
    }

    private void schedule(Tracked t) {
        long due = Math.min(t.startNanos + limits.sessionTimeout().toNanos(),
                t.progressNanos + limits.idleTimeout().toNanos());
        synchronized (t) {
            if (live.get(t.session) == t) {
                t.check = timer.schedule(() -> check(t), Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        }
    }

    private void check(Tracked t) {
        long now = System.nanoTime();
        if (now - t.startNanos >= limits.sessionTimeout().toNanos()) {
            refusals.smtp("session", 421, "session_time_limit");
            end(t, "421 4.4.2 session time limit of " + show(limits.sessionTimeout()) + " reached; closing");
        } else if (now - t.progressNanos >= limits.idleTimeout().toNanos()) {
            refusals.smtp("session", 421, "no_mail_transaction");
            end(t, "421 4.4.2 no mail transaction for " + show(limits.idleTimeout()) + "; closing");
        } else {
            schedule(t);
        }
    }

    private static void end(Tracked t, String reply) {
        try {
            t.session.sendResponse(reply);
        } catch (IOException | RuntimeException e) {
            // The client is gone already: closing is all that is left.
        }
        // quit() marks the session as ending on purpose, so its thread does not log the closed socket as a failure.
        t.session.quit();
    }

    private static String show(Duration d) {
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + " min";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
