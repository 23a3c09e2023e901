package dev.otpsim.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.otpsim.clock.ManualClock;
import dev.otpsim.handset.Channel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox against a tiny gateway on 127.0.0.1 that records what it is sent. */
class HttpGatewayOutboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Received(String method, String path, String contentType, JsonNode body) {
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private HttpServer gateway;
    private volatile int answer = 202;

    private URI startGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), JSON.readTree(body)));
                exchange.sendResponseHeaders(answer, -1);
            }
        });
        gateway.start();
        return URI.create("http://127.0.0.1:" + gateway.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop(0);
        }
    }

    private HttpGatewayOutbox outbox(URI base) {
        return new HttpGatewayOutbox(base, HttpGatewayOutbox.defaultClient(), warnings::add);
    }

    @Test
    void postsTheMessageAsJsonToGatewayMessages() throws Exception {
        HttpGatewayOutbox outbox = outbox(startGateway());
        assertTrue(outbox.post(Channel.EMAIL, "u-17", "Your otpsim code is 123456. It expires in 10 minutes.")
                .get(10, TimeUnit.SECONDS));

        Received r = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(r);
        assertEquals("POST", r.method());
        assertEquals("/messages", r.path());
        assertEquals("application/json", r.contentType());
        assertEquals("{\"channel\":\"email\",\"to\":\"u-17\",\"body\":\"Your otpsim code is 123456. It expires in 10 minutes.\"}",
                r.body().toString());
        assertEquals(1, outbox.accepted());
        assertEquals(0, outbox.failures());
        assertEquals(List.of(), warnings);
    }

    @Test
    void theServiceHandsEachCodeToTheGateway() throws Exception {
        HttpGatewayOutbox outbox = outbox(startGateway());
        OtpService service = new OtpService(TargetPolicy.defaults(), new ManualClock(), outbox, new SecureRandom());
        SendResult.Sent sent = (SendResult.Sent) service.send("u-9", Channel.SMS);

        Received r = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(r);
        assertEquals("sms", r.body().path("channel").asText());
        assertEquals("u-9", r.body().path("to").asText());
        assertTrue(r.body().path("body").asText().contains(sent.code()), r.body().toString());
    }

    @Test
    void aBaseUrlWithATrailingSlashStillPostsToMessages() {
        assertEquals(URI.create("http://127.0.0.1:8025/messages"),
                HttpGatewayOutbox.messagesUri(URI.create("http://127.0.0.1:8025/")));
        assertEquals(URI.create("http://127.0.0.1:8025/gw/messages"),
                HttpGatewayOutbox.messagesUri(URI.create("http://127.0.0.1:8025/gw")));
    }

    @Test
    void aRefusingGatewayIsCountedAndReportedNotThrown() throws Exception {
        HttpGatewayOutbox outbox = outbox(startGateway());
        answer = 503;
        assertFalse(outbox.post(Channel.SMS, "u", "Your otpsim code is 1234.").get(10, TimeUnit.SECONDS));
        assertEquals(1, outbox.failures());
        assertEquals(0, outbox.accepted());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("answered 503"), warnings.get(0));
    }

    @Test
    void anAbsentGatewayIsCountedAndReportedNotThrown() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        HttpGatewayOutbox outbox = outbox(URI.create("http://127.0.0.1:" + closedPort));
        outbox.send(Channel.VOICE, "u", "Your otpsim code is 1234."); // returns at once, never throws
        assertFalse(outbox.post(Channel.VOICE, "u", "Your otpsim code is 1234.").get(10, TimeUnit.SECONDS));
        assertEquals(2, outbox.handedOver());
        // The first post may still be in flight; the second is done, so at least one failure is counted.
        assertTrue(outbox.failures() >= 1);
        assertEquals("carrier gateway http://127.0.0.1:" + closedPort + "/messages: cannot connect (is the gateway running?)"
                + " (1 failed hand-over so far)", warnings.get(0));
    }
}
