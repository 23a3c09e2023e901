package dev.otpsim.carrier.gateway;

import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.handset.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
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
 * <pre>{@code
 * SmtpGateway smtp = SmtpGateway.start("127.0.0.1", 0, intake);
 * int port = smtp.port();
 * smtp.close();
 * }</pre>
 */
public final class SmtpGateway implements AutoCloseable {
    static final int MAX_MESSAGE_BYTES = 256 * 1024;
    static final int MAX_RECIPIENTS = 100;

    private final SMTPServer server;

    private SmtpGateway(SMTPServer server) {
        this.server = server;
    }

    /** Binds {@code host:port} (0 = ephemeral) and starts serving. */
    public static SmtpGateway start(String host, int port, MessageIntake intake) throws IOException {
        SMTPServer server = SMTPServer.port(port)
                .bindAddress(InetAddress.getByName(host))
                .hostName("otpsim-gateway")
                .softwareName("otpsim carrier gateway")
                .maxMessageSize(MAX_MESSAGE_BYTES)
                .maxRecipients(MAX_RECIPIENTS)
                .maxConnections(200)
                .connectionTimeoutMs(60_000)
                .insertReceivedHeaders(false)
                .messageHandlerFactory(context -> new Transaction(intake))
                .build();
        try {
            server.start();
        } catch (RuntimeException e) {
            // subethasmtp wraps bind failures; callers expect an IOException like the HTTP side.
            throw new IOException("cannot listen for SMTP on " + host + ":" + port + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        return new SmtpGateway(server);
    }

    public int port() {
        return server.getPortAllocated();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** One SMTP mail transaction: MAIL FROM, RCPT TO (one or more), DATA. */
    private static final class Transaction implements MessageHandler {
        private final MessageIntake intake;
        private final List<String> recipients = new ArrayList<>();

        Transaction(MessageIntake intake) {
            this.intake = intake;
        }

        @Override
        public void from(String from) {
            // Any sender is accepted: the gateway stands in for the provider, not for a spam filter.
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            String to = recipient == null ? "" : recipient.trim();
            if (to.startsWith("<") && to.endsWith(">")) {
                to = to.substring(1, to.length() - 1);
            }
            if (to.isEmpty() || to.length() > MessageIntake.MAX_ADDRESS) {
                throw new RejectException(553, "5.1.3 bad recipient address");
            }
            recipients.add(to);
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            String text = MailText.of(data.readAllBytes());
            List<Long> ids = new ArrayList<>(recipients.size());
            for (String to : recipients) {
                try {
                    CarrierMessage m = intake.accept(Channel.EMAIL, to, text);
                    ids.add(m.id());
                } catch (RejectedMessage e) {
                    // Same text for every recipient: if one has no code, none has.
                    throw new RejectException(554, "5.6.0 " + e.getMessage());
                }
            }
            return "Ok: queued as " + ids;
        }

        @Override
        public void done() {
        }
    }
}
