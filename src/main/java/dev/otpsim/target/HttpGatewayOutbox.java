package dev.otpsim.target;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otpsim.handset.Channel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Hands codes to the carrier gateway the way a real OTP service calls its SMS provider:
 * {@code POST <gateway>/messages} with {@code {"channel":"sms","to":"u-17","body":"Your otpsim code is ..."}}.
 *
 * <pre>{@code
 * HttpGatewayOutbox outbox = new HttpGatewayOutbox(URI.create("http://127.0.0.1:8025"));
 * OtpService service = new OtpService(policy, clock, outbox, new SecureRandom());
 * ...
 * long lost = outbox.failures();   // hand-overs the gateway did not accept
 * }</pre>
 *
 * <p>Posting is asynchronous, so a request thread of the target never waits for the gateway, and
 * a failing gateway (down, slow, answering non-2xx) is counted, reported through the warnings
 * sink (the first failure, then every 100th), and never thrown into the service: for the person
 * it looks like a message that never arrived, which is what it is.
 */
public final class HttpGatewayOutbox implements Outbox {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int WARN_EVERY = 100;

    private final URI messages;
    private final HttpClient client;
    private final Consumer<String> warnings;
    private final AtomicLong handedOver = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /** Posts to {@code gateway}/messages; failures are counted silently. */
    public HttpGatewayOutbox(URI gateway) {
        this(gateway, defaultClient(), message -> { });
    }

    /**
     * @param gateway  base URL of the carrier gateway, e.g. {@code http://127.0.0.1:8025}
     * @param client   the HTTP client to post with
     * @param warnings receives a one-line description of the first failure and every 100th after it
     */
    public HttpGatewayOutbox(URI gateway, HttpClient client, Consumer<String> warnings) {
        this.messages = messagesUri(Objects.requireNonNull(gateway, "gateway"));
        this.client = Objects.requireNonNull(client, "client");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** An HTTP/1.1 client (no h2c upgrade dance with a local gateway) with a short connect timeout. */
    public static HttpClient defaultClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                // Without an executor of its own, the client completes on the common pool, which
                // on 2 cores has one thread, so the JDK starts a new thread per post (measured by
                // otpsim bench with JFR: one thread start per code handed over).
                .executor(HANDOVER_THREADS)
                .build();
    }

    /** Shared by every default client: daemon threads, so a forgotten outbox never keeps the JVM up. */
    private static final java.util.concurrent.ExecutorService HANDOVER_THREADS =
            java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "otpsim-handover");
                t.setDaemon(true);
                return t;
            });

    /** {@code <gateway>/messages}, whether or not the base URL ends with a slash. */
    static URI messagesUri(URI gateway) {
        String base = gateway.toString();
        return URI.create(base.endsWith("/") ? base + "messages" : base + "/messages");
    }

    public URI messagesUri() {
        return messages;
    }

    @Override
    public void send(Channel channel, String to, String body) {
        post(channel, to, body);
    }

    /** Posts one message; the future completes with whether the gateway accepted it (never exceptionally). */
    CompletableFuture<Boolean> post(Channel channel, String to, String body) {
        handedOver.incrementAndGet();
        try {
            Map<String, String> message = new LinkedHashMap<>();
            message.put("channel", channel.id());
            message.put("to", to);
            message.put("body", body);
            HttpRequest request = HttpRequest.newBuilder(messages)
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(message)))
                    .build();
            return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, error) -> {
                        if (error != null) {
                            return failed(describe(error));
                        }
                        if (response.statusCode() / 100 != 2) {
                            return failed("answered " + response.statusCode());
                        }
                        accepted.incrementAndGet();
                        return true;
                    });
        } catch (JsonProcessingException | RuntimeException e) {
            return CompletableFuture.completedFuture(failed(describe(e)));
        }
    }

    /** Messages handed to this outbox. */
    public long handedOver() {
        return handedOver.get();
    }

    /** Messages the gateway answered with 2xx. */
    public long accepted() {
        return accepted.get();
    }

    /** Messages the gateway refused or never answered. */
    public long failures() {
        return failures.get();
    }

    private boolean failed(String why) {
        long n = failures.incrementAndGet();
        if (n == 1 || n % WARN_EVERY == 0) {
            warnings.accept("carrier gateway " + messages + ": " + why + " (" + n + " failed hand-over"
                    + (n == 1 ? "" : "s") + " so far)");
        }
        return false;
    }

    /** One readable line for a failed post: the JDK's exceptions often carry no message of their own. */
    private static String describe(Throwable e) {
        String firstMessage = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "cannot connect (is the gateway running?)";
            }
            if (t instanceof java.net.http.HttpTimeoutException) {
                return "no answer within " + TIMEOUT.toSeconds() + " s";
            }
            if (firstMessage == null && t.getMessage() != null && !t.getMessage().isBlank()) {
                firstMessage = t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return firstMessage != null ? firstMessage : e.getClass().getSimpleName();
    }
}
