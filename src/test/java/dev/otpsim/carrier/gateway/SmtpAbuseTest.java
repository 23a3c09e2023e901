package dev.otpsim.carrier.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.carrier.DeliveryEvents;
import dev.otpsim.clock.ManualClock;
import dev.otpsim.handset.Handsets;
import dev.otpsim.http.OpenFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SMTP listener against oversized messages and sessions that hang on: limits hold, mail still flows. */
class SmtpAbuseTest {
    private final List<CarrierMessage> issued = new CopyOnWriteArrayList<>();
    private SmtpGateway smtp;

    private SmtpGateway start(SmtpLimits limits) throws IOException {
        DeliveryEvents events = new DeliveryEvents() {
            @Override
            public void issued(CarrierMessage m) {
                issued.add(m);
            }
        };
        MessageIntake intake = new MessageIntake(new CodeExtractor(Pattern.compile(GatewaySpec.DEFAULT_CODE_PATTERN)),
                new ManualClock(), new Handsets(), RecipientPolicy.REGISTER_ANY, events, m -> { });
        smtp = SmtpGateway.start("127.0.0.1", 0, intake, limits);
        return smtp;
    }

    /** Starts with the default limits, sends one mail so every lazy thing is loaded, returns the descriptor baseline. */
    private long startWarm() throws IOException {
        start(SmtpLimits.DEFAULTS);
        try (Client warm = new Client()) {
            assertTrue(warm.mail("warm@example.test", "1010").startsWith("250"));
        }
        return OpenFiles.count();
    }

    @AfterEach
    void stop() {
        if (smtp != null) {
            smtp.close();
        }
    }

    /** A raw SMTP conversation on a socket. */
    private final class Client implements AutoCloseable {
        final Socket socket = new Socket();
        final BufferedReader in;
        final OutputStream out;
        final String greeting;

        Client(InetAddress from) throws IOException {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", smtp.port()), 5_000);
            socket.setSoTimeout(10_000); // guards against hanging only
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
            greeting = in.readLine();
        }

        Client() throws IOException {
            this(InetAddress.getLoopbackAddress());
        }

        /** Sends a command and returns the last line of its reply (null when the server closed). */
        String say(String command) throws IOException {
            write(command + "\r\n");
            return reply();
        }

        String reply() throws IOException {
            String line = in.readLine();
            while (line != null && line.length() > 3 && line.charAt(3) == '-') {
                line = in.readLine();
            }
            return line;
        }

        void write(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** MAIL, RCPT, DATA and a small message with {@code code}; returns the reply to the message. */
        String mail(String to, String code) throws IOException {
            assertTrue(say("MAIL FROM:<svc@service.test>").startsWith("250"));
            assertTrue(say("RCPT TO:<" + to + ">").startsWith("250"));
            assertTrue(say("DATA").startsWith("354"));
            write("Subject: your code\r\n\r\nYour code is " + code + ".\r\n.\r\n");
            return reply();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** True once the server has closed the connection: end of stream, or a reset. */
    private static boolean closed(Client c) throws IOException {
        try {
            return c.in.readLine() == null;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    private boolean wasIssued(String to, String code) {
        return issued.stream().anyMatch(m -> m.to().equals(to) && m.code().equals(code));
    }

    @Test
    void aMessageOverTheLimitIsRefusedWith552AndTheSessionGoesOn() throws Exception {
        start(SmtpLimits.DEFAULTS);
        try (Client c = new Client()) {
            assertTrue(c.say("EHLO test.local").startsWith("250"));
            assertTrue(c.say("MAIL FROM:<svc@service.test>").startsWith("250"));
            assertTrue(c.say("RCPT TO:<big@example.test>").startsWith("250"));
            assertTrue(c.say("DATA").startsWith("354"));
            StringBuilder message = new StringBuilder("Subject: code\r\n\r\nYour code is 4455.\r\n");
            while (message.length() <= SmtpGateway.MAX_MESSAGE_BYTES + 10_000) {
                message.append("x".repeat(76)).append("\r\n");
            }
            c.write(message + ".\r\n");
            String refused = c.reply();
            assertTrue(refused.startsWith("552 5.3.4"), refused);

            // subethasmtp leaves a refused transaction open until RSET, as clients send after a failure.
            assertTrue(c.say("RSET").startsWith("250"));
            assertEquals("250", c.mail("small@example.test", "6677").substring(0, 3), "the session is still in step");
        }
        assertTrue(wasIssued("small@example.test", "6677"));
        assertTrue(issued.stream().noneMatch(m -> m.to().equals("big@example.test")), "the big one was not taken");
    }

    @Test
    void aHundredMegabyteMessageIsCutOffWhileReadingNotBuffered() throws Exception {
        long fds = startWarm();
        long heap = OpenFiles.heapAfterGc();
        long hundredMegabytes = 100L << 20;
        long written = 0;
        String reply = null;
        try (Client c = new Client()) {
            assertTrue(c.say("EHLO test.local").startsWith("250"));
            assertTrue(c.say("MAIL FROM:<svc@service.test>").startsWith("250"));
            assertTrue(c.say("RCPT TO:<huge@example.test>").startsWith("250"));
            assertTrue(c.say("DATA").startsWith("354"));
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return c.reply();
                } catch (IOException e) {
                    return "reset: " + e.getMessage();
                }
            });
            byte[] chunk = ("Your code is 8080. " + "y".repeat(60) + "\r\n").repeat(800).getBytes(StandardCharsets.US_ASCII);
            try {
                while (written < hundredMegabytes) {
                    c.out.write(chunk);
                    written += chunk.length;
                }
                c.write("\r\n.\r\n");
            } catch (IOException cutOff) {
                // What we expect: the server stopped reading and closed the connection.
            }
            reply = answer.get(10, TimeUnit.SECONDS);
        }
        System.out.printf("SMTP: 100 MB message: server read %d MB before closing; reply: %s%n", written >> 20, reply);
        assertTrue(written < hundredMegabytes, "the server stopped reading long before 100 MB (got " + written + " bytes)");
        assertTrue(reply == null || reply.startsWith("552") || reply.startsWith("reset"), reply);
        assertTrue(issued.stream().noneMatch(m -> m.to().equals("huge@example.test")));

        try (Client after = new Client()) {
            assertTrue(after.mail("after@example.test", "2020").startsWith("250"), "still serving");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> OpenFiles.count() <= fds + OpenFiles.MARGIN);
        assertTrue(OpenFiles.heapAfterGc() <= heap + (64L << 20), "heap came back down");
    }

    @Test
    void legitimateMailGetsThroughWhileTwoHundredSessionsHangOnWithNoop() throws Exception {
        long fds = startWarm();
        InetAddress abuser = InetAddress.getByName("127.0.0.2");
        List<Client> hanging = new ArrayList<>();
        int admitted = 0;
        try {
            for (int i = 0; i < 200; i++) {
                Client c = new Client(abuser);
                hanging.add(c);
                if (c.greeting.startsWith("220") && c.say("NOOP").startsWith("250")) {
                    admitted++;
                } else {
                    assertTrue(c.greeting.startsWith("421 4.7.0 too many sessions from 127.0.0.2"), c.greeting);
                }
            }
            assertEquals(SmtpLimits.DEFAULTS.maxSessionsPerClient(), admitted);
            for (Client c : hanging) {
                if (c.greeting.startsWith("220")) {
                    assertTrue(c.say("NOOP").startsWith("250"), "still kept alive");
                }
            }
            try (Client legit = new Client()) {
                assertTrue(legit.greeting.startsWith("220"), legit.greeting);
                assertTrue(legit.mail("ana@example.test", "530118").startsWith("250"));
            }
            assertTrue(wasIssued("ana@example.test", "530118"));
        } finally {
            for (Client c : hanging) {
                c.close();
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> OpenFiles.count() <= fds + OpenFiles.MARGIN);
    }

    @Test
    void aSessionKeptAliveByNoopEndsAfterTheIdleLimit() throws Exception {
        start(SmtpLimits.DEFAULTS.withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(30)));
        try (Client c = new Client()) {
            assertTrue(c.say("EHLO test.local").startsWith("250"));
            String reply = "250";
            for (int i = 0; i < 200 && reply != null && reply.startsWith("250"); i++) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // a client pacing its NOOPs
                reply = c.say("NOOP");
            }
            assertTrue(reply != null && reply.startsWith("421 4.4.2 no mail transaction for 300 ms"), reply);
            assertTrue(closed(c), "and closed");
        }
    }

    @Test
    void aBusySessionStillEndsAtTheSessionLimit() throws Exception {
        start(SmtpLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(30), Duration.ofMillis(500)));
        try (Client c = new Client()) {
            assertTrue(c.say("EHLO test.local").startsWith("250"));
            String reply = "250";
            long guard = System.nanoTime() + Duration.ofSeconds(20).toNanos(); // against looping forever only
            while (System.nanoTime() < guard && reply != null && reply.startsWith("250")) {
                reply = c.say("MAIL FROM:<svc@service.test>");
                if (reply != null && reply.startsWith("250")) {
                    reply = c.say("RSET");
                }
            }
            assertTrue(reply != null && reply.startsWith("421 4.4.2 session time limit of 500 ms"), reply);
        }
    }
}
