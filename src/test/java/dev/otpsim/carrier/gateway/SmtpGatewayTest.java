package dev.otpsim.carrier.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.handset.Channel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.client.SMTPException;
import org.subethamail.smtp.client.SmartClient;

/** The SMTP listener over a real connection on 127.0.0.1: a client library and a raw conversation. */
class SmtpGatewayTest {
    private static GatewayFixture fixture;

    @BeforeAll
    static void start() throws IOException {
        fixture = new GatewayFixture(RecipientPolicy.KNOWN_ONLY);
        fixture.handsets.register("alice@example.com");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aMailBecomesAnEmailMessagePerRecipientWithTheCodeFromItsText() throws Exception {
        SmartClient client = SmartClient.createAndConnect("127.0.0.1", fixture.gateway.smtpPort(), "test.local");
        client.from("no-reply@service.test");
        client.to("alice@example.com");
        client.to("bob@example.com");
        client.dataStart();
        client.dataWrite(("From: Service <no-reply@service.test>\r\n"
                + "To: alice@example.com\r\n"
                + "Date: Thu, 26 Nov 2026 11:00:00 +0000\r\n"
                + "Message-ID: <20261126110000.4242@service.test>\r\n"
                + "Subject: Your sign-in code\r\n"
                + "\r\n"
                + "Hello,\r\n\r\nyour sign-in code is 593017.\r\n").getBytes(StandardCharsets.US_ASCII));
        client.dataEnd();
        client.quit();

        List<CarrierMessage> mails = fixture.issued.stream().filter(m -> m.channel() == Channel.EMAIL).toList();
        assertEquals(2, mails.size());
        assertTrue(mails.stream().allMatch(m -> m.code().equals("593017")), mails::toString);
        assertEquals(List.of("alice@example.com", "bob@example.com"), mails.stream().map(CarrierMessage::to).toList());
        // KNOWN_ONLY: bob has no handset, so his copy is reported, not delivered.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> !fixture.unknown.isEmpty()
                && fixture.handsets.find("alice@example.com").orElseThrow().count() > 0);
        assertEquals(List.of("bob@example.com"), fixture.unknown);
        assertEquals("593017", fixture.handsets.find("alice@example.com").orElseThrow().get(0).code());
    }

    @Test
    void aMailWithoutACodeIsRefusedWith554() throws Exception {
        SmartClient client = SmartClient.createAndConnect("127.0.0.1", fixture.gateway.smtpPort(), "test.local");
        client.from("no-reply@service.test");
        client.to("carol@example.com");
        client.dataStart();
        client.dataWrite("Subject: Welcome\r\nDate: Thu, 26 Nov 2026 11:00:00 +0000\r\n\r\nWelcome aboard!\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        SMTPException e = assertThrows(SMTPException.class, client::dataEnd);
        assertEquals(554, e.getResponse().getCode());
        client.quit();
        assertTrue(fixture.issued.stream().noneMatch(m -> m.to().equals("carol@example.com")));
    }

    @Test
    void protocolErrorsGetProperRepliesAndTheServerKeepsServing() throws Exception {
        try (Socket s = new Socket("127.0.0.1", fixture.gateway.smtpPort())) {
            s.setSoTimeout(5_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII);
            assertTrue(in.readLine().startsWith("220"));
            assertTrue(say(out, in, "EHLO test.local").startsWith("250"));
            assertTrue(say(out, in, "RCPT TO:<dave@example.com>").startsWith("503"), "RCPT before MAIL");
            assertTrue(say(out, in, "DATA").startsWith("503"), "DATA before MAIL");
            assertTrue(say(out, in, "FROBNICATE").startsWith("500"), "unknown command");
            assertTrue(say(out, in, "MAIL FROM:<svc@service.test>").startsWith("250"));
            assertTrue(say(out, in, "RCPT TO:<dave@example.com>").startsWith("250"));
            assertTrue(say(out, in, "DATA").startsWith("354"));
            out.print("Subject: code\r\n\r\nYour code is 8841.\r\n.\r\n");
            out.flush();
            assertTrue(in.readLine().startsWith("250"));
            assertTrue(say(out, in, "QUIT").startsWith("221"));
        }
        assertTrue(fixture.issued.stream().anyMatch(m -> m.to().equals("dave@example.com") && m.code().equals("8841")));
    }

    /** Sends one command and returns the last line of the reply (multi-line replies use "250-"). */
    private static String say(PrintWriter out, BufferedReader in, String command) throws IOException {
        out.print(command + "\r\n");
        out.flush();
        String line = in.readLine();
        while (line != null && line.length() > 3 && line.charAt(3) == '-') {
            line = in.readLine();
        }
        return line;
    }
}
