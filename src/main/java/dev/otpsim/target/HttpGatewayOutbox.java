package dev.otpsim.target;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otpsim.handset.Channel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Hands codes to the carrier gateway the way a real OTP service calls its SMS provider:
 * {@code POST <gateway>/messages} with {@code {"channel":"sms","to":"u-17","body":"Your otpsim code is ..."}}.
 * Used by {@code otpsim target --gateway URL}.
 *
 * <pre>{@code
 * HttpGatewayOutbox outbox = new HttpGatewayOutbox(URI.create("http://127.0.0.1:8025"));
 * OtpService service = new OtpService(policy, clock, outbox, new SecureRandom());
 * ...
 * outbox.close();                                      // waits a few seconds for what is queued
 * Map<String, Long> lost = outbox.failedHandOvers();   // {"timeout": 3, "status-503": 1}
 * }</pre>
 *
 * <p>Bounded: messages wait in a queue of {@link Limits#capacity()} and at most
 * {@link Limits#inFlight()} posts are under way at once, each with its own {@link Limits#timeout()}
 * from when it starts. When the queue is full {@link #send} returns false, and the target answers
 * 503 without issuing a code — so its 202 always means "handed over", and a gateway slower than
 * the sends costs refused sends the client sees, never memory or codes silently lost after a 202.
 * A hand-over that fails after all (gateway down, slow, answering non-2xx) is counted by reason,
 * reported through the warnings sink (the first failure, then every 100th), and never thrown into
 * the service: for the person it looks like a message that never arrived, which is what it is.
 */
public final class HttpGatewayOutbox implements Outbox, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARN_EVERY = 100;
    /** How long {@link #close} waits for queued messages to be posted. */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    /**
     * @param capacity messages waiting to be posted; beyond it {@link #send} refuses
     * @param inFlight posts under way at once (each is one connection to the gateway)
     * @param timeout  for one post, from when it starts
     */
    public record Limits(int capacity, int inFlight, Duration timeout) {
        /** 10,000 waiting (about 2 MB, 5 s of sends at 2,000/s), 32 posts at once, 10 s each. */
        public static final Limits DEFAULTS = new Limits(10_000, 32, Duration.ofSeconds(10));

        public Limits {
            if (capacity < 1 || inFlight < 1 || timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("capacity and inFlight must be at least 1 and timeout positive, got "
                        + capacity + ", " + inFlight + ", " + timeout);
            }
        }
    }

    private record Pending(Channel channel, String to, String body) {
    }

    private final URI messages;
    private final HttpClient client;
    private final Consumer<String> warnings;
    private final Limits limits;
    private final ArrayBlockingQueue<Pending> queue;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder handedOver = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, LongAdder> failuresByReason = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Posts to {@code gateway}/messages with the default limits; failures are counted silently. */
    public HttpGatewayOutbox(URI gateway) {
        this(gateway, defaultClient(), message -> { });
    }

    /**
     * @param gateway  base URL of the carrier gateway, e.g. {@code http://127.0.0.1:8025}
     * @param client   the HTTP client to post with
     * @param warnings receives a one-line description of the first failure and every 100th after it
     */
    public HttpGatewayOutbox(URI gateway, HttpClient client, Consumer<String> warnings) {
        this(gateway, client, warnings, Limits.DEFAULTS);
    }

    public HttpGatewayOutbox(URI gateway, HttpClient client, Consumer<String> warnings, Limits limits) {
        this.messages = messagesUri(Objects.requireNonNull(gateway, "gateway"));
        this.client = Objects.requireNonNull(client, "client");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.queue = new ArrayBlockingQueue<>(limits.capacity());
    }

    /**
     * An HTTP/1.1 client (no h2c upgrade dance with a local gateway) with a short connect timeout
     * that never follows a redirect: the gateway's answer is the answer, and a redirect must not
     * send a code to a host nobody allowed.
     */
    public static HttpClient defaultClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                // Without an executor of its own, the client completes on the common pool, which
                // on 2 cores has one thread, so the JDK starts a new thread per post (measured by
                // otpsim bench with JFR: one thread start per code handed over).
                .executor(HANDOVER_THREADS)
                .build();
    }

    /** Shared by every default client and every outbox: daemon threads, so a forgotten outbox never keeps the JVM up. */
    private static final ExecutorService HANDOVER_THREADS = Executors.newFixedThreadPool(2, r -> {
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

    /** Queues the message for posting; false when the queue is full (or the outbox closed). Never blocks. */
    @Override
    public boolean send(Channel channel, String to, String body) {
        if (closed || !queue.offer(new Pending(channel, to, body))) {
            refused.increment();
            return false;
        }
        handedOver.increment();
        pump();
        return true;
    }

    /** Starts posts while fewer than {@code inFlight} are under way and messages wait. */
    private void pump() {
        while (true) {
            int n = inFlight.get();
            if (n >= limits.inFlight() || queue.isEmpty()) {
                return;
            }
            if (!inFlight.compareAndSet(n, n + 1)) {
                continue;
            }
            Pending p = queue.poll();
            if (p == null) {
                // Another thread took it; give the slot back and look again, so a message queued
                // meanwhile by a thread that saw every slot taken is not left behind.
                release();
                continue;
            }
            // Completion on our own threads: a post failing at once must not recurse into pump().
            post(p.channel(), p.to(), p.body()).whenCompleteAsync((ok, e) -> {
                release();
                pump();
            }, HANDOVER_THREADS);
        }
    }

    private void release() {
        if (inFlight.decrementAndGet() == 0 && queue.isEmpty()) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Posts one message; the future completes with whether the gateway accepted it (never exceptionally). */
    CompletableFuture<Boolean> post(Channel channel, String to, String body) {
        try {
            Map<String, String> message = new LinkedHashMap<>();
            message.put("channel", channel.id());
            message.put("to", to);
            message.put("body", body);
            HttpRequest request = HttpRequest.newBuilder(messages)
                    .timeout(limits.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(message)))
                    .build();
            return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, error) -> {
                        if (error != null) {
                            return failed(reason(error), describe(error));
                        }
                        if (response.statusCode() / 100 != 2) {
                            return failed("status-" + response.statusCode(), "answered " + response.statusCode());
                        }
                        accepted.increment();
                        return true;
                    });
        } catch (JsonProcessingException | RuntimeException e) {
            return CompletableFuture.completedFuture(failed("error", describe(e)));
        }
    }

    /** Messages taken for hand-over (each one a code the service issued). */
    public long handedOver() {
        return handedOver.sum();
    }

    /** Messages the gateway answered with 2xx. */
    public long accepted() {
        return accepted.sum();
    }

    /** Messages refused because the queue was full: the service issued no code for them (503). */
    public long refused() {
        return refused.sum();
    }

    /** Messages taken for hand-over that the gateway refused or never answered, all reasons together. */
    public long failures() {
        return failures.get();
    }

    /** Failed hand-overs by reason: {@code cannot-connect}, {@code timeout}, {@code status-NNN}, {@code error}, {@code closed}. */
    @Override
    public Map<String, Long> failedHandOvers() {
        Map<String, Long> byReason = new TreeMap<>();
        failuresByReason.forEach((reason, n) -> byReason.put(reason, n.sum()));
        return byReason;
    }

    /** Messages queued or being posted now; never more than capacity + inFlight. */
    public int pending() {
        return queue.size() + inFlight.get();
    }

    /**
     * Refuses new messages, waits up to 5 s for the queued ones to be posted, and counts those
     * still waiting then as failed ({@code closed}).
     */
    @Override
    public void close() {
        close(DRAIN);
    }

    /** As {@link #close()}, waiting at most {@code drain}. */
    public void close(Duration drain) {
        closed = true;
        long deadline = System.nanoTime() + drain.toNanos();
        synchronized (this) {
            while (pending() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            failuresByReason.computeIfAbsent("closed", r -> new LongAdder()).add(left.size());
            long n = failures.addAndGet(left.size());
            warnings.accept("carrier gateway " + messages + ": " + left.size() + " message" + (left.size() == 1 ? "" : "s")
                    + " still queued when the outbox closed, never posted (" + n + " failed hand-overs in all)");
        }
    }

    private boolean failed(String reason, String why) {
        failuresByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
        long n = failures.incrementAndGet();
        if (n == 1 || n % WARN_EVERY == 0) {
            warnings.accept("carrier gateway " + messages + ": " + why + " (" + n + " failed hand-over"
                    + (n == 1 ? "" : "s") + " so far)");
        }
        return false;
    }

    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "cannot-connect";
            }
            if (t instanceof java.net.http.HttpTimeoutException) {
                return "timeout";
            }
        }
        return "error";
    }

    /** One readable line for a failed post: the JDK's exceptions often carry no message of their own. */
    private String describe(Throwable e) {
        String firstMessage = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "cannot connect (is the gateway running?)";
            }
            if (t instanceof java.net.http.HttpTimeoutException) {
                Duration d = limits.timeout();
                return "no answer within " + (d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms");
            }
            if (firstMessage == null && t.getMessage() != null && !t.getMessage().isBlank()) {
                firstMessage = t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return firstMessage != null ? firstMessage : e.getClass().getSimpleName();
    }
}
