package dev.otpsim.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.otpsim.http.JdkHttp;
import dev.otpsim.handset.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reference target over HTTP: the SPEC's reference contract in front of an {@link OtpService}.
 *
 * <pre>{@code
 * try (TargetServer server = new TargetServer(service, "127.0.0.1", 0).start()) {
 *     URI base = server.baseUri();   // http://127.0.0.1:<ephemeral port>
 *     ...
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@code POST /otp/send {"user","channel"}} → 202 {@code {"status":"sent"}};
 *       429 {@code {"error":"resend_too_soon"|"too_many_sends","retryAfterMs":n}};
 *       423 {@code {"error":"locked","retryAfterMs":n}}.</li>
 *   <li>{@code POST /otp/verify {"user","code"}} → 200 {@code {"status":"accepted"}};
 *       401 {@code {"error":"invalid"}}; 410 {@code {"error":"expired"}}; 423 as above.</li>
 *   <li>Malformed JSON, a missing or mistyped field, an unknown channel → 400
 *       {@code {"error":"bad_request","message":...}}; an unknown path → 404 {@code not_found};
 *       another method → 405 {@code method_not_allowed}. Nothing a client sends stops the server.</li>
 * </ul>
 * {@code retryAfterMs} is simulated time, like every duration of the policy.
 */
public final class TargetServer implements AutoCloseable {
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Request threads never wait on the gateway, so a few per core keep up. */
    public static final int DEFAULT_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int BACKLOG = 1024;
    private static final int QUEUE = 4096;

    private final OtpService service;
    private final String host;
    private final int requestedPort;
    private final int threads;
    private HttpServer server;
    private ThreadPoolExecutor executor;

    /** A server on {@code host:port} ({@code port} 0 picks a free one) with {@link #DEFAULT_THREADS}. */
    public TargetServer(OtpService service, String host, int port) {
        this(service, host, port, DEFAULT_THREADS);
    }

    public TargetServer(OtpService service, String host, int port, int threads) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.service = service;
        this.host = host;
        this.requestedPort = port;
        this.threads = threads;
    }

    /** Binds and starts serving; throws {@link java.net.BindException} when the port is taken. */
    public synchronized TargetServer start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        HttpServer s = JdkHttp.create(new InetSocketAddress(InetAddress.getByName(host), requestedPort), BACKLOG);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory named = r -> {
            Thread t = new Thread(r, "otp-target-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        // Bounded: when the queue is full the accepting thread runs the request itself, which
        // slows accepting down instead of piling up work without limit.
        executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), named, new ThreadPoolExecutor.CallerRunsPolicy());
        s.setExecutor(executor);
        s.createContext("/", this::handle);
        s.start();
        server = s;
        return this;
    }

    /** The bound port (the ephemeral one when started with port 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    /** {@code http://host:port}, for clients. */
    public URI baseUri() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port());
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    // ---- one exchange -------------------------------------------------------------------

    private void handle(HttpExchange exchange) {
        try (exchange) {
            int status;
            ObjectNode body;
            try {
                Answer a = answer(exchange);
                status = a.status;
                body = a.body;
            } catch (BadRequest e) {
                status = e.status();
                body = ContractJson.error(e.error(), e.getMessage());
                if (status == 405) {
                    exchange.getResponseHeaders().set("Allow", "POST");
                }
            } catch (RuntimeException e) {
                // A bug must cost one request, not the server.
                status = 500;
                body = ContractJson.error("internal", e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
            respond(exchange, status, body);
        } catch (IOException e) {
            // The client went away mid-answer; nothing to tell anyone.
        }
    }

    private record Answer(int status, ObjectNode body) {
    }

    private Answer answer(HttpExchange exchange) throws BadRequest, IOException {
        String path = exchange.getRequestURI().getPath();
        boolean send = "/otp/send".equals(path);
        boolean verify = "/otp/verify".equals(path);
        if (!send && !verify) {
            throw new BadRequest(404, "not_found", "no such path " + path + "; expected POST /otp/send or POST /otp/verify");
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw new BadRequest(405, "method_not_allowed", exchange.getRequestMethod() + " " + path + " is not served; use POST");
        }
        JsonNode request = ContractJson.object(readBody(exchange));
        return send ? send(request) : verify(request);
    }

    private Answer send(JsonNode request) throws BadRequest {
        String user = ContractJson.text(request, "user", ContractJson.MAX_USER_LENGTH);
        Channel channel = ContractJson.channel(request);
        SendResult r = service.send(user, channel);
        if (r instanceof SendResult.Sent) {
            return new Answer(202, ContractJson.status("sent"));
        }
        if (r instanceof SendResult.RateLimited limited) {
            return new Answer(429, ContractJson.error(limited.limit().wire(), limited.retryAfterMs()));
        }
        SendResult.Locked locked = (SendResult.Locked) r;
        return new Answer(423, ContractJson.error("locked", locked.retryAfterMs()));
    }

    private Answer verify(JsonNode request) throws BadRequest {
        String user = ContractJson.text(request, "user", ContractJson.MAX_USER_LENGTH);
        String code = ContractJson.text(request, "code", ContractJson.MAX_CODE_LENGTH);
        VerifyResult r = service.verify(user, code);
        if (r instanceof VerifyResult.Accepted) {
            return new Answer(200, ContractJson.status("accepted"));
        }
        if (r instanceof VerifyResult.Invalid) {
            return new Answer(401, ContractJson.error("invalid"));
        }
        if (r instanceof VerifyResult.Expired) {
            return new Answer(410, ContractJson.error("expired"));
        }
        VerifyResult.Locked locked = (VerifyResult.Locked) r;
        return new Answer(423, ContractJson.error("locked", locked.retryAfterMs()));
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException, BadRequest {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new BadRequest(413, "bad_request", "body larger than " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        JdkHttp.respond(exchange, status, "application/json", ContractJson.bytes(body));
    }
}
