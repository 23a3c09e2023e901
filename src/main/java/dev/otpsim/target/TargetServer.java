package dev.otpsim.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.otpsim.handset.Channel;
import dev.otpsim.http.BoundedHttpServer;
import dev.otpsim.http.BoundedHttpServer.Request;
import dev.otpsim.http.BoundedHttpServer.Response;
import dev.otpsim.http.HttpLimits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;

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
 *   <li>{@code POST /otp/enrol {"user"}} → 200 {@code {"status":"enrolled","secret":BASE32,"uri":"otpauth://totp/..."}}:
 *       an authenticator app for the user (a new secret; enrolling again replaces it); from then on
 *       {@code /otp/verify} also accepts that app's codes (policy {@code totp}).</li>
 *   <li>Malformed JSON, a missing or mistyped field, an unknown channel → 400
 *       {@code {"error":"bad_request","message":...}}; an unknown path → 404 {@code not_found};
 *       another method → 405 {@code method_not_allowed}. Nothing a client sends stops the server.</li>
 *   <li>A send the hand-over to the carrier gateway cannot take (its queue is full) → 503
 *       {@code {"error":"unavailable","message":...}} with {@code Retry-After: 1} (real seconds): no
 *       code was issued, so a 202 always means the code will be handed over.</li>
 *   <li>The connection limits of {@link HttpLimits} ({@link BoundedHttpServer}): a request that does
 *       not arrive within 10 s → 408 and closed; a body over 16 KB → 413 {@code bad_request}; too
 *       many connections (from one address or in all) → 503 {@code too_many_connections}.</li>
 * </ul>
 * {@code retryAfterMs} is simulated time, like every duration of the policy. Clients read these
 * answers through {@link ReferenceContract}'s table; {@code ReferenceContractTest} holds this
 * server to it for every {@link OtpService} result.
 */
public final class TargetServer implements AutoCloseable {
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Request threads never wait on the gateway, so a few per core keep up. */
    public static final int DEFAULT_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final String JSON_TYPE = "application/json";

    private final OtpService service;
    private final String host;
    private final int requestedPort;
    private final int threads;
    private final HttpLimits limits;
    private BoundedHttpServer server;

    /** A server on {@code host:port} ({@code port} 0 picks a free one) with {@link #DEFAULT_THREADS}. */
    public TargetServer(OtpService service, String host, int port) {
        this(service, host, port, DEFAULT_THREADS);
    }

    public TargetServer(OtpService service, String host, int port, int threads) {
        this(service, host, port, threads, HttpLimits.defaults(MAX_BODY_BYTES));
    }

    /** As above, with connection limits of one's own (e.g. short timeouts in a test). */
    public TargetServer(OtpService service, String host, int port, int threads, HttpLimits limits) {
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
        this.limits = limits;
    }

    /** Binds and starts serving; throws {@link java.net.BindException} when the port is taken. */
    public synchronized TargetServer start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        server = BoundedHttpServer.start("otp-target", new InetSocketAddress(InetAddress.getByName(host), requestedPort),
                limits, threads, this::handle, TargetServer::refusal);
        return this;
    }

    /** The bound port (the ephemeral one when started with port 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.port();
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
        server.close();
        server = null;
    }

    // ---- one exchange -------------------------------------------------------------------

    private Response handle(Request request) {
        try {
            Answer a = answer(request);
            Response r = respond(a.status, a.body);
            return a.status == 503 ? r.withHeader("Retry-After", "1") : r;
        } catch (BadRequest e) {
            Response r = respond(e.status(), ContractJson.error(e.error(), e.getMessage()));
            return e.status() == 405 ? r.withHeader("Allow", "POST") : r;
        }
    }

    /** The server's own refusals, in the contract's error shape; a body too large is a bad request. */
    private static Response refusal(int status, String error, String message) {
        if (status == 413) {
            return respond(413, ContractJson.error("bad_request", "body larger than " + MAX_BODY_BYTES + " bytes"));
        }
        return respond(status, ContractJson.error(error, message));
    }

    private record Answer(int status, ObjectNode body) {
    }

    private Answer answer(Request request) throws BadRequest {
        String path = request.path();
        boolean send = ReferenceContract.SEND.path().equals(path);
        boolean verify = ReferenceContract.VERIFY.path().equals(path);
        boolean enrol = "/otp/enrol".equals(path);
        if (!send && !verify && !enrol) {
            throw new BadRequest(404, "not_found", "no such path " + path + "; expected POST /otp/send, POST /otp/verify "
                    + "or POST /otp/enrol");
        }
        if (!"POST".equals(request.method())) {
            throw new BadRequest(405, "method_not_allowed", request.method() + " " + path + " is not served; use POST");
        }
        JsonNode json = ContractJson.object(request.body());
        return send ? send(json) : verify ? verify(json) : enrol(json);
    }

    /** Sets up an authenticator app for a user: a new secret, as base32 and as the otpauth:// URI a QR code holds. */
    private Answer enrol(JsonNode request) throws BadRequest {
        String user = ContractJson.text(request, "user", ContractJson.MAX_USER_LENGTH);
        byte[] secret = service.enrol(user);
        ObjectNode body = ContractJson.status("enrolled");
        body.put("secret", dev.otpsim.totp.Secrets.base32(secret));
        body.put("uri", service.totp().otpauthUri("otpsim", user, secret));
        return new Answer(200, body);
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
        if (r instanceof SendResult.Unavailable) {
            // No retryAfterMs: that field is simulated time, and this wait is real (Retry-After: 1).
            return new Answer(503, ContractJson.error("unavailable", "the hand-over to the carrier gateway is full;"
                    + " no code was issued, ask again in a second"));
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

    private static Response respond(int status, ObjectNode body) {
        return Response.of(status, JSON_TYPE, ContractJson.bytes(body));
    }
}
