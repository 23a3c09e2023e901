package dev.otpsim.target.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A user's own OTP service that also accepts authenticator codes, as a test stands it up: JSON
 * {@code POST /send {"user"}} (an SMS code through the carrier gateway) and {@code POST /verify
 * {"user","code","via"}}, where {@code via} is {@code authenticator} for a code from an app.
 * Each user's secret is the UTF-8 of {@code "otpsim-" + user}; codes are RFC 6238 (SHA-1, 6
 * digits, 30 s) on its own wall clock, ±1 step, each step accepted once — written here from the
 * RFC with the JDK's HMAC, independently of otpsim's own implementation.
 */
final class TotpOtpService implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final int gatewayPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> smsCodes = new ConcurrentHashMap<>();
    private final Map<String, Long> lastStep = new ConcurrentHashMap<>();

    final AtomicInteger smsAccepted = new AtomicInteger();
    final AtomicInteger appAccepted = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger sends = new AtomicInteger();
    /** The {@code via} of every verification, in arrival order. */
    final List<String> vias = new CopyOnWriteArrayList<>();

    TotpOtpService(int gatewayPort) throws IOException {
        this.gatewayPort = gatewayPort;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/send", this::send);
        server.createContext("/verify", this::verify);
        server.setExecutor(executor);
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static String totp(String user, long unixMillis) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(("otpsim-" + user).getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(unixMillis / 30_000).array());
            int o = h[h.length - 1] & 0xf;
            int bin = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
            return String.format("%06d", bin % 1_000_000);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(HttpExchange x) throws IOException {
        JsonNode req = json.readTree(x.getRequestBody());
        String user = req.path("user").asText();
        String code = String.format("%06d", random.nextInt(1_000_000));
        smsCodes.put(user, code);
        sends.incrementAndGet();
        String body = json.writeValueAsString(Map.of("channel", "sms", "to", user, "body", "Your code is " + code));
        try {
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/messages"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        answer(x, 200, "{\"sent\":true}");
    }

    private void verify(HttpExchange x) throws IOException {
        JsonNode req = json.readTree(x.getRequestBody());
        String user = req.path("user").asText();
        String code = req.path("code").asText();
        String via = req.path("via").asText();
        vias.add(via);
        boolean ok;
        if (via.equals("authenticator")) {
            long now = System.currentTimeMillis();
            long step = -1;
            for (int d = -1; d <= 1; d++) {
                if (totp(user, now + d * 30_000L).equals(code)) {
                    step = (now + d * 30_000L) / 30_000;
                }
            }
            ok = step >= 0 && step > lastStep.getOrDefault(user, -1L);
            if (ok) {
                lastStep.put(user, step);
                appAccepted.incrementAndGet();
            }
        } else {
            ok = code.equals(smsCodes.get(user));
            if (ok) {
                smsCodes.remove(user);
                smsAccepted.incrementAndGet();
            }
        }
        if (!ok) {
            refused.incrementAndGet();
        }
        answer(x, ok ? 200 : 401, ok ? "{\"ok\":true}" : "{\"error\":\"invalid\"}");
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
