package dev.otpsim.target;

import static org.awaitility.Awaitility.await;
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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.net.InetSocketAddress;
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
    /** The gateway answers nothing until this opens (it starts open unless a test replaces it). */
    private volatile CountDownLatch answering = new CountDownLatch(0);

    private URI startGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        gateway.createContext("/", exchange -> {
            try (exchange) {
                try {
                    answering.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
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
        answering.countDown();
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
        HttpGatewayOutbox outbox;
        try (dev.otpsim.Ports.Refusing closed = dev.otpsim.Ports.refusing()) { // nothing listens, nor can start to
            closedPort = closed.port();
            outbox = outbox(URI.create("http://127.0.0.1:" + closedPort));
            assertTrue(outbox.send(Channel.VOICE, "u", "Your otpsim code is 1234.")); // returns at once, never throws
            assertFalse(outbox.post(Channel.VOICE, "u", "Your otpsim code is 1234.").get(10, TimeUnit.SECONDS));
            assertEquals(1, outbox.handedOver());
            await().atMost(Duration.ofSeconds(10)).until(() -> outbox.failures() == 2);
        }
        assertEquals(Map.of("cannot-connect", 2L), outbox.failedHandOvers());
        assertEquals("carrier gateway http://127.0.0.1:" + closedPort + "/messages: cannot connect (is the gateway running?)"
                + " (1 failed hand-over so far)", warnings.get(0));
    }

    @Test
    void failedHandOversAreCountedByReason() throws Exception {
        URI base = startGateway();
        HttpGatewayOutbox outbox = new HttpGatewayOutbox(base, HttpGatewayOutbox.defaultClient(), warnings::add,
                new HttpGatewayOutbox.Limits(10, 2, Duration.ofMillis(300)));
        answer = 500;
        assertTrue(outbox.send(Channel.SMS, "a", "Your otpsim code is 1111."));
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.failures() == 1);
        answering = new CountDownLatch(1); // now it holds every request past the outbox's timeout
        assertTrue(outbox.send(Channel.SMS, "b", "Your otpsim code is 2222."));
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.failures() == 2);
        assertEquals(Map.of("status-500", 1L, "timeout", 1L), outbox.failedHandOvers());
        assertTrue(warnings.get(0).contains("answered 500"), warnings.get(0));
        assertEquals(0, outbox.accepted());
    }

    @Test
    void aFullQueueRefusesInsteadOfGrowingAndDeliversWhatItTook() throws Exception {
        answering = new CountDownLatch(1);
        HttpGatewayOutbox outbox = new HttpGatewayOutbox(startGateway(), HttpGatewayOutbox.defaultClient(),
                warnings::add, new HttpGatewayOutbox.Limits(3, 1, Duration.ofSeconds(20)));
        for (int i = 0; i < 4; i++) {
            assertTrue(outbox.send(Channel.SMS, "u" + i, "Your otpsim code is 100" + i + "."), "one posting, three queued");
        }
        for (int i = 0; i < 10_000; i++) {
            assertFalse(outbox.send(Channel.SMS, "flood" + i, "Your otpsim code is 9999."));
        }
        assertEquals(4, outbox.pending(), "never more than capacity + in flight");
        assertEquals(10_000, outbox.refused());
        assertEquals(4, outbox.handedOver());

        answering.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.accepted() == 4);
        assertEquals(0, outbox.failures());
        assertEquals(0, outbox.pending());
        assertEquals(List.of("u0", "u1", "u2", "u3"), received.stream().map(r -> r.body().path("to").asText()).toList(),
                "handed over in the order they were taken");
    }

    @Test
    void closingCountsWhatWasNeverPosted() throws Exception {
        answering = new CountDownLatch(1);
        HttpGatewayOutbox outbox = new HttpGatewayOutbox(startGateway(), HttpGatewayOutbox.defaultClient(),
                warnings::add, new HttpGatewayOutbox.Limits(5, 1, Duration.ofSeconds(20)));
        for (int i = 0; i < 3; i++) {
            assertTrue(outbox.send(Channel.SMS, "u" + i, "Your otpsim code is 200" + i + "."));
        }
        outbox.close(Duration.ofMillis(100));
        assertEquals(Map.of("closed", 2L), outbox.failedHandOvers(), "two were still queued; one is being posted");
        assertFalse(outbox.send(Channel.SMS, "late", "Your otpsim code is 3000."), "a closed outbox takes nothing");
        answering.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.accepted() == 1);
    }

    /**
     * The target's side of a full hand-over queue: 503 with a JSON error and Retry-After, no code
     * issued; once the gateway catches up the same person's send is accepted.
     */
    @Test
    void aTargetWhoseHandOverQueueIsFullAnswers503AndIssuesNoCode() throws Exception {
        answering = new CountDownLatch(1);
        HttpGatewayOutbox outbox = new HttpGatewayOutbox(startGateway(), HttpGatewayOutbox.defaultClient(),
                warnings::add, new HttpGatewayOutbox.Limits(2, 1, Duration.ofSeconds(20)));
        OtpService service = new OtpService(TargetPolicy.defaults(), new ManualClock(), outbox, new SecureRandom());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (TargetServer target = new TargetServer(service, "127.0.0.1", 0).start()) {
            for (int i = 1; i <= 3; i++) {
                assertEquals(202, sendCode(http, target, "u" + i).statusCode(), "one posting, two queued");
            }
            HttpResponse<String> full = sendCode(http, target, "u4");
            assertEquals(503, full.statusCode(), full.body());
            JsonNode error = JSON.readTree(full.body());
            assertEquals("unavailable", error.path("error").asText());
            assertTrue(error.path("message").asText().contains("no code was issued"), full.body());
            assertEquals("1", full.headers().firstValue("Retry-After").orElse(""));
            assertEquals(1, service.sendsUnavailable());
            assertEquals(3, service.codesHandedOver());

            answering.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> outbox.accepted() == 3);
            assertEquals(202, sendCode(http, target, "u4").statusCode(), "u4's refused send left no cooldown");
            await().atMost(Duration.ofSeconds(10)).until(() -> outbox.accepted() == 4);
            assertEquals(Map.of(), service.failedHandOvers());
        }
    }

    private static HttpResponse<String> sendCode(HttpClient http, TargetServer target, String user) throws Exception {
        return http.send(HttpRequest.newBuilder(target.baseUri().resolve("/otp/send")).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + user + "\",\"channel\":\"sms\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
