package dev.otpsim.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OTP service with the classic weaknesses as switches, each alone: with none switched on it
 * is sound (5 wrong codes lock, each code works once, 5 sends per person, random 6-digit codes,
 * a resend keeps the failure count, unknown users answered like known ones) and
 * {@code otpsim security} passes it. Its own shape: JSON posts {@code {"phone","code"}} to
 * {@code /v1/otp/start} and {@code /v1/otp/check}; {@code 400 {"error":"invalid_code","attempts_left":n}} for a wrong
 * code, {@code 423} locked, {@code 429} with {@code retry_in_s}. Codes go to the carrier
 * gateway's JSON endpoint before the answer, as a service calling its SMS provider does.
 */
final class WeakOtpService implements AutoCloseable {
    enum Weakness {
        /** Wrong codes never lock. */
        NO_LOCK,
        /** The lock is checked, then (after a database round trip) the failure counted: parallel guesses slip through. */
        ATTEMPT_RACE,
        /** An accepted code stays valid. */
        REUSABLE_CODES,
        /** Codes come from a counter: 000001, 000002, ... */
        COUNTER_CODES,
        /** Codes are random, but from 0-999 only. */
        SMALL_RANGE_CODES,
        /** A new code sets the failure count back to zero. */
        RESEND_RESETS_ATTEMPTS,
        /** Unknown users get 404 {"error":"no_such_user"}. */
        UNKNOWN_USER_ANSWER,
        /** No limit on sends per person. */
        NO_SEND_LIMIT,
        /** The send limit is checked, then (after a round trip) the send counted. */
        SEND_RACE
    }

    static final int MAX_ATTEMPTS = 5;
    static final int MAX_SENDS = 5;
    /** The "database round trip" between check and act that the race weaknesses leave open. */
    static final long RACE_WINDOW_MILLIS = 150;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<Weakness> weaknesses;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "weak-otp");
        t.setDaemon(true);
        return t;
    });
    private final URI gatewayMessages;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong counter = new AtomicLong();

    private static final class Account {
        String code;
        boolean used;
        int failures;
        boolean locked;
        int sends;
    }

    WeakOtpService(int gatewayPort, Weakness... weaknesses) throws IOException {
        this.weaknesses = weaknesses.length == 0 ? EnumSet.noneOf(Weakness.class) : EnumSet.of(weaknesses[0], weaknesses);
        this.gatewayMessages = URI.create("http://127.0.0.1:" + gatewayPort + "/messages");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(executor);
        server.createContext("/v1/otp/start", ex -> handle(ex, true));
        server.createContext("/v1/otp/check", ex -> handle(ex, false));
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private boolean has(Weakness w) {
        return weaknesses.contains(w);
    }

    private void handle(HttpExchange ex, boolean start) throws IOException {
        try (ex) {
            JsonNode body = JSON.readTree(ex.getRequestBody());
            String phone = body.path("phone").asText("");
            if (has(Weakness.UNKNOWN_USER_ANSWER) && phone.startsWith("ghost")) {
                reply(ex, 404, "{\"error\":\"no_such_user\"}");
                return;
            }
            Account a = accounts.computeIfAbsent(phone, k -> new Account());
            if (start) {
                start(ex, phone, a);
            } else {
                check(ex, a, body.path("code").asText(""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void start(HttpExchange ex, String phone, Account a) throws IOException, InterruptedException {
        if (has(Weakness.SEND_RACE)) {
            synchronized (a) {
                if (a.locked || a.sends >= MAX_SENDS) {
                    refuseSend(ex, a);
                    return;
                }
            }
            Thread.sleep(RACE_WINDOW_MILLIS);
        }
        String code;
        synchronized (a) {
            if (!has(Weakness.SEND_RACE) && (a.locked || (!has(Weakness.NO_SEND_LIMIT) && a.sends >= MAX_SENDS))) {
                refuseSend(ex, a);
                return;
            }
            a.sends++;
            if (has(Weakness.RESEND_RESETS_ATTEMPTS)) {
                a.failures = 0;
            }
            code = nextCode();
            a.code = code;
            a.used = false;
        }
        deliver(phone, code);
        reply(ex, 200, "{\"sent\":true}");
    }

    private void refuseSend(HttpExchange ex, Account a) throws IOException {
        if (a.locked) {
            reply(ex, 423, "{\"error\":\"locked\"}");
        } else {
            reply(ex, 429, "{\"error\":\"too_many_sends\",\"retry_in_s\":600}");
        }
    }

    private void check(HttpExchange ex, Account a, String typed) throws IOException, InterruptedException {
        if (has(Weakness.ATTEMPT_RACE)) {
            synchronized (a) {
                if (a.locked) {
                    reply(ex, 423, "{\"error\":\"locked\"}");
                    return;
                }
            }
            Thread.sleep(RACE_WINDOW_MILLIS);
        }
        int status;
        String body;
        synchronized (a) {
            if (!has(Weakness.ATTEMPT_RACE) && a.locked) {
                status = 423;
                body = "{\"error\":\"locked\"}";
            } else if (a.code != null && a.code.equals(typed) && !a.used) {
                a.used = !has(Weakness.REUSABLE_CODES);
                a.failures = 0;
                status = 200;
                body = "{\"ok\":true}";
            } else {
                a.failures++;
                if (!has(Weakness.NO_LOCK) && a.failures >= MAX_ATTEMPTS) {
                    a.locked = true;
                }
                status = 400;
                body = "{\"error\":\"invalid_code\",\"attempts_left\":" + Math.max(0, MAX_ATTEMPTS - a.failures) + "}";
            }
        }
        reply(ex, status, body);
    }

    private String nextCode() {
        long n = has(Weakness.COUNTER_CODES) ? counter.incrementAndGet()
                : has(Weakness.SMALL_RANGE_CODES) ? random.nextInt(1_000) : random.nextInt(1_000_000);
        return String.format("%06d", n % 1_000_000);
    }

    private void deliver(String to, String code) throws InterruptedException {
        String json = "{\"channel\":\"sms\",\"to\":\"" + to + "\",\"body\":\"Your Weak Corp code is " + code + "\"}";
        try {
            http.send(HttpRequest.newBuilder(gatewayMessages).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // The probe sees a code that never arrived, which is what it is.
        }
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (var out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
