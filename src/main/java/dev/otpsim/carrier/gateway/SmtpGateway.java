package dev.otpsim.carrier.gateway;

import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.handset.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The gateway's SMTP listener for the email channel (subethasmtp speaks the protocol). Each
 * accepted message becomes one email {@link CarrierMessage} per recipient, its code taken from
 * the readable text ({@link MailText}). A message without a code is refused at the end of DATA
 * with {@code 554}, so the sending service sees a permanent failure, as from a real relay.
 *
 * <p>Limits hold whatever a client does: a message over 256 KB is refused with {@code 552} while
 * it is read (at most 256 KB of it is kept; up to 1 MB more is read and dropped so the session
 * can go on, beyond that the connection is closed after the {@code 552}); sessions are capped in
 * all and per client address, and end with {@code 421} after 60 s without a mail transaction
 * (NOOP does not count) or 5 minutes in all ({@link SmtpLimits}).
 *
 * <pre>{@code
 * SmtpGateway smtp = SmtpGateway.start("127.0.0.1", 0, intake);
 * int port = smtp.port();
 * smtp.close();
 * }</pre>
 */
public final class SmtpGateway implements AutoCloseable {
    static final int MAX_MESSAGE_BYTES = 256 * 1024;
    /** Read and dropped past the limit so the session stays in step; a client sending more is cut off. */
    static final int MAX_DISCARDED_BYTES = 1024 * 1024;
    static final int MAX_RECIPIENTS = 100;
    /** Between two commands; {@link SmtpLimits#idleTimeout()} is the limit NOOP cannot reset. */
    private static final int READ_TIMEOUT_MS = 60_000;

    private final SMTPServer server;
    private final SmtpSessions sessions;

    private SmtpGateway(SMTPServer server, SmtpSessions sessions) {
        this.server = server;
        this.sessions = sessions;
    }

    /** Binds {@code host:port} (0 = ephemeral) and starts serving, with {@link SmtpLimits#DEFAULTS}. */
    public static SmtpGateway start(String host, int port, MessageIntake intake) throws IOException {
        return start(host, port, intake, SmtpLimits.DEFAULTS);
    }

    /** As above, with session limits of one's own (e.g. short timeouts in a test). */
    public static SmtpGateway start(String host, int port, MessageIntake intake, SmtpLimits limits) throws IOException {
        return start(host, port, intake, limits, new GatewayRefusals());
    }

    /** As above, counting what it refuses (bad recipients, no code, too large, session limits) in {@code refusals}. */
    public static SmtpGateway start(String host, int port, MessageIntake intake, SmtpLimits limits,
                                    GatewayRefusals refusals) throws IOException {
        SmtpSessions sessions = new SmtpSessions(limits, refusals);
        SMTPServer server = SMTPServer.port(port)
                .bindAddress(InetAddress.getByName(host))
                .hostName("otpsim-gateway")
                .softwareName("otpsim carrier gateway")
                .maxMessageSize(MAX_MESSAGE_BYTES)
                .maxRecipients(MAX_RECIPIENTS)
                .maxConnections(limits.maxSessions())
                .connectionTimeoutMs(READ_TIMEOUT_MS)
                .insertReceivedHeaders(false)
                .sessionHandler(sessions)
                .messageHandlerFactory(context -> {
                    sessions.progress(context);
                    return new Transaction(intake, sessions, context, refusals);
                })
                .build();
        try {
            server.start();
        } catch (RuntimeException e) {
            sessions.close();
            // subethasmtp wraps bind failures; callers expect an IOException like the HTTP side.
            throw new IOException("cannot listen for SMTP on " + host + ":" + port + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        return new SmtpGateway(server, sessions);
    }

    public int port() {
        return server.getPortAllocated();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            sessions.close();
        }
    }

    /** One SMTP mail transaction: MAIL FROM, RCPT TO (one or more), DATA. */
    private static final class Transaction implements MessageHandler {
        private final MessageIntake intake;
        private final SmtpSessions sessions;
        private final MessageContext context;
        private final GatewayRefusals refusals;
        private final List<String> recipients = new ArrayList<>();

        Transaction(MessageIntake intake, SmtpSessions sessions, MessageContext context, GatewayRefusals refusals) {
            this.intake = intake;
            this.sessions = sessions;
            this.context = context;
            this.refusals = refusals;
        }

        @Override
        public void from(String from) {
            // Any sender is accepted: the gateway stands in for the provider, not for a spam filter.
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            sessions.progress(context);
            String to = recipient == null ? "" : recipient.trim();
            if (to.startsWith("<") && to.endsWith(">")) {
                to = to.substring(1, to.length() - 1);
            }
            if (to.isEmpty() || to.length() > MessageIntake.MAX_ADDRESS) {
                refusals.smtp("RCPT", 553, "bad_recipient");
                throw new RejectException(553, "5.1.3 bad recipient address");
            }
            recipients.add(to);
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            sessions.progress(context);
            // Never more than the limit in memory: the rest is counted while it is read, not kept.
            byte[] message = data.readNBytes(MAX_MESSAGE_BYTES + 1);
            if (message.length > MAX_MESSAGE_BYTES) {
                String tooBig = "5.3.4 message larger than " + MAX_MESSAGE_BYTES + " bytes";
                refusals.smtp("DATA", 552, "too_large");
                if (discard(data, MAX_DISCARDED_BYTES)) {
                    throw new RejectException(552, tooBig);
                }
                throw new DropConnectionException(552, tooBig + "; closing");
            }
            sessions.progress(context);
            String text = MailText.of(message);
            List<Long> ids = new ArrayList<>(recipients.size());
            for (String to : recipients) {
                try {
                    CarrierMessage m = intake.accept(Channel.EMAIL, to, text);
                    ids.add(m.id());
                } catch (RejectedMessage e) {
                    // Same text for every recipient: if one has no code, none has.
                    refusals.smtp("DATA", 554, e.error());
                    throw new RejectException(554, "5.6.0 " + e.getMessage());
                }
            }
            return "Ok: queued as " + ids;
        }

        /** Reads and drops up to {@code max} bytes; true when the message ended within them. */
        private static boolean discard(InputStream data, int max) throws IOException {
            byte[] buffer = new byte[8192];
            long left = max;
            while (left > 0) {
                int n = data.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    return true;
                }
                left -= n;
            }
            return data.read() < 0;
        }

        @Override
        public void done() {
        }
    }
}
