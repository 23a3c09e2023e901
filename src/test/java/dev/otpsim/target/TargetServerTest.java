package dev.otpsim.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otpsim.clock.ManualClock;
import dev.otpsim.clock.SimClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reference HTTP contract, over real HTTP on 127.0.0.1. */
class TargetServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManualClock clock = new ManualClock();
    /**
     * Reading this clock takes a moment: the service reads it inside a person's critical section,
     * so a missing lock shows up reliably as too many 401s instead of once in a while.
     */
    private final SimClock slowClock = new SimClock() {
        @Override
        public long nowMillis() {
            LockSupport.parkNanos(200_000);
            return clock.nowMillis();
        }

        @Override
        public double timeScale() {
            return 1.0;
        }
    };
    private SimClock serviceClock = clock;
    private final CapturingOutbox outbox = new CapturingOutbox();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private OtpService service;
    private TargetServer server;

    private record Reply(int status, JsonNode body) {
    }

    private URI start(TargetPolicy policy, int threads) throws IOException {
        service = new OtpService(policy, serviceClock, outbox, new SecureRandom());
        server = new TargetServer(service, "127.0.0.1", 0, threads).start();
        assertTrue(server.port() > 0);
        return server.baseUri();
    }

    private URI start() throws IOException {
        return start(TargetPolicy.defaults(), 4);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpRequest request(String method, String path, String body) {
        return HttpRequest.newBuilder(server.baseUri().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static Reply reply(HttpResponse<String> r) {
        try {
            assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
            return new Reply(r.statusCode(), JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    private Reply call(String method, String path, String body) throws IOException, InterruptedException {
        return reply(client.send(request(method, path, body), HttpResponse.BodyHandlers.ofString()));
    }

    private Reply post(String path, String body) throws IOException, InterruptedException {
        return call("POST", path, body);
    }

    @Test
    void enrolGivesAnAuthenticatorSecretWhoseCodesVerify() throws Exception {
        start();
        clock.set(95_000);
        Reply enrolled = post("/otp/enrol", "{\"user\":\"u-5\"}");
        assertEquals(200, enrolled.status());
        String secret = enrolled.body().path("secret").asText();
        assertTrue(secret.matches("[A-Z2-7]{32}"), secret);
        assertTrue(enrolled.body().path("uri").asText().startsWith("otpauth://totp/otpsim:u-5?secret=" + secret),
                enrolled.body().toString());
        String code = dev.otpsim.totp.Totp.defaults().codeAt(dev.otpsim.totp.Secrets.parse("base32:" + secret), 95_000);
        assertEquals(200, post("/otp/verify", "{\"user\":\"u-5\",\"code\":\"" + code + "\"}").status());
        assertEquals(401, post("/otp/verify", "{\"user\":\"u-5\",\"code\":\"" + code + "\"}").status(),
                "the same step again is a replay");
        assertEquals(400, post("/otp/enrol", "{}").status());
    }

    @Test
    void sendThenVerifyFollowsTheContract() throws Exception {
        start();
        Reply sent = post("/otp/send", "{\"user\":\"u-17\",\"channel\":\"sms\"}");
        assertEquals(202, sent.status());
        assertEquals("{\"status\":\"sent\"}", sent.body().toString());
        assertEquals("u-17", outbox.last().to());
        String code = outbox.last().code();

        Reply accepted = post("/otp/verify", "{\"user\":\"u-17\",\"code\":\"" + code + "\"}");
        assertEquals(200, accepted.status());
        assertEquals("{\"status\":\"accepted\"}", accepted.body().toString());

        Reply reused = post("/otp/verify", "{\"user\":\"u-17\",\"code\":\"" + code + "\"}");
        assertEquals(401, reused.status());
        assertEquals("{\"error\":\"invalid\"}", reused.body().toString());
    }

    @Test
    void refusalsCarryTheirErrorWordAndRetryAfter() throws Exception {
        start(TargetPolicy.defaults().withMaxAttempts(2, Duration.ofMinutes(30)), 4);
        post("/otp/send", "{\"user\":\"a\",\"channel\":\"email\"}");
        clock.advance(Duration.ofSeconds(10));
        Reply tooSoon = post("/otp/send", "{\"user\":\"a\",\"channel\":\"email\"}");
        assertEquals(429, tooSoon.status());
        assertEquals("{\"error\":\"resend_too_soon\",\"retryAfterMs\":20000}", tooSoon.body().toString());

        String code = outbox.last().code();
        clock.advance(Duration.ofMinutes(10));
        Reply expired = post("/otp/verify", "{\"user\":\"a\",\"code\":\"" + code + "\"}");
        assertEquals(410, expired.status());
        assertEquals("{\"error\":\"expired\"}", expired.body().toString());

        post("/otp/verify", "{\"user\":\"a\",\"code\":\"nope\"}");
        post("/otp/verify", "{\"user\":\"a\",\"code\":\"nope\"}");
        Reply locked = post("/otp/send", "{\"user\":\"a\",\"channel\":\"sms\"}");
        assertEquals(423, locked.status());
        assertEquals("{\"error\":\"locked\",\"retryAfterMs\":1800000}", locked.body().toString());
    }

    @Test
    void tooManySendsOverHttp() throws Exception {
        start(TargetPolicy.defaults().withResendCooldown(Duration.ZERO).withMaxSends(2, Duration.ofMinutes(10)), 4);
        post("/otp/send", "{\"user\":\"b\",\"channel\":\"sms\"}");
        clock.advance(Duration.ofMinutes(1));
        post("/otp/send", "{\"user\":\"b\",\"channel\":\"sms\"}");
        Reply r = post("/otp/send", "{\"user\":\"b\",\"channel\":\"sms\"}");
        assertEquals(429, r.status());
        assertEquals("{\"error\":\"too_many_sends\",\"retryAfterMs\":540000}", r.body().toString());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "/otp/send   | {\"user\":                        | malformed JSON",
        "/otp/send   | ``                                | empty body",
        "/otp/send   | [1,2]                             | expected a JSON object",
        "/otp/send   | {\"user\":\"u\"} trailing         | malformed JSON",
        "/otp/send   | {\"channel\":\"sms\"}             | missing field \"user\"",
        "/otp/send   | {\"user\":\"u\"}                  | missing field \"channel\"",
        "/otp/send   | {\"user\":17,\"channel\":\"sms\"} | field \"user\" must be a string",
        "/otp/send   | {\"user\":\"\",\"channel\":\"sms\"} | field \"user\" must not be empty",
        "/otp/send   | {\"user\":\"u\",\"channel\":\"fax\"} | unknown channel \"fax\"; expected one of sms, email, voice",
        "/otp/verify | {\"user\":\"u\"}                  | missing field \"code\"",
        "/otp/verify | {\"user\":\"u\",\"code\":123456}   | field \"code\" must be a string",
        "/otp/verify | not json at all                   | malformed JSON",
    })
    void badRequestsAre400WithAMessageAndTheServerKeepsServing(String path, String body, String message) throws Exception {
        start();
        Reply bad = post(path, body);
        assertEquals(400, bad.status(), bad.body().toString());
        assertEquals("bad_request", bad.body().path("error").asText());
        assertTrue(bad.body().path("message").asText().contains(message), bad.body().toString());
        assertEquals(0, outbox.messages.size());
        assertEquals(0, service.guessesEvaluated(), "a bad request is not a guess");

        assertEquals(202, post("/otp/send", "{\"user\":\"u\",\"channel\":\"sms\"}").status());
    }

    @Test
    void unknownPathsAndMethodsAreRefusedPolitely() throws Exception {
        start();
        Reply notFound = post("/otp/sendd", "{}");
        assertEquals(404, notFound.status());
        assertEquals("not_found", notFound.body().path("error").asText());
        assertFalse(notFound.body().path("message").asText().isEmpty());

        HttpResponse<String> get = client.send(request("GET", "/otp/send", ""), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
        assertEquals("method_not_allowed", reply(get).body().path("error").asText());

        Reply big = post("/otp/send", "{\"user\":\"" + "x".repeat(TargetServer.MAX_BODY_BYTES) + "\",\"channel\":\"sms\"}");
        assertEquals(413, big.status());

        assertEquals(202, post("/otp/send", "{\"user\":\"u\",\"channel\":\"voice\"}").status());
    }

    @Test
    void parallelGuessesNeverEvaluateMoreThanMaxAttempts() throws Exception {
        int maxAttempts = 5;
        serviceClock = slowClock;
        start(TargetPolicy.defaults().withMaxAttempts(maxAttempts, Duration.ofMinutes(30)), 32);
        assertEquals(202, post("/otp/send", "{\"user\":\"victim\",\"channel\":\"sms\"}").status());
        String code = outbox.last().code();
        String wrong = code.equals("000000") ? "000001" : "000000";

        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            inFlight.add(client.sendAsync(request("POST", "/otp/verify",
                    "{\"user\":\"victim\",\"code\":\"" + wrong + "\"}"), HttpResponse.BodyHandlers.ofString()));
        }
        Map<Integer, Long> byStatus = inFlight.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));

        assertEquals(Map.of(401, (long) maxAttempts, 423, 200L - maxAttempts), byStatus);
        assertEquals(maxAttempts, service.guessesEvaluated(), "guesses the service really compared");
    }

    @Test
    void parallelSendsForOnePersonNeverExceedMaxSends() throws Exception {
        serviceClock = slowClock;
        start(TargetPolicy.defaults().withResendCooldown(Duration.ZERO).withMaxSends(3, Duration.ofMinutes(10)), 32);
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            inFlight.add(client.sendAsync(request("POST", "/otp/send", "{\"user\":\"flood\",\"channel\":\"sms\"}"),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Map<Integer, Long> byStatus = inFlight.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertEquals(Map.of(202, 3L, 429, 97L), byStatus);
        assertEquals(3, outbox.messages.size());
    }

    @Test
    void closeReleasesThePort() throws Exception {
        start();
        int port = server.port();
        server.close();
        server = null;
        OtpService again = new OtpService(TargetPolicy.defaults(), clock, outbox, new SecureRandom());
        try (TargetServer s = new TargetServer(again, "127.0.0.1", port).start()) {
            assertEquals(port, s.port());
        }
    }
}
