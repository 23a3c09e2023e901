package dev.otpsim.carrier.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.otpsim.http.JdkHttp;
import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handset;
import dev.otpsim.handset.Handsets;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's HTTP side, on the JDK's {@link HttpServer}:
 * <ul>
 *   <li>{@code POST /messages} {@code {"channel":"sms","to":"+15550001","body":"Your code is 482913"}}
 *       → {@code 202 {"id":17,"status":"accepted","channel":"sms","to":...}}</li>
 *   <li>{@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, form {@code To}, {@code From},
 *       {@code Body} (Twilio's shape) → {@code 201 {"sid":"SM…","status":"queued",…}}, channel sms</li>
 *   <li>{@code GET /handsets/{to}} → the handset's messages as JSON</li>
 * </ul>
 * Malformed input gets {@code 400} with a JSON explanation; a failure inside a handler gets
 * {@code 500}; neither stops the server.
 *
 * <pre>{@code
 * HttpGateway http = HttpGateway.start("127.0.0.1", 0, intake, handsets);
 * URI base = http.uri();   // http://127.0.0.1:PORT
 * http.close();
 * }</pre>
 */
public final class HttpGateway implements AutoCloseable {
    /** Largest request body read; a message body longer than this is not an OTP. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Pattern TWILIO = Pattern.compile("^/2010-04-01/Accounts/([^/]+)/Messages\\.json$");
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final MessageIntake intake;
    private final Handsets handsets;

    private HttpGateway(HttpServer server, ThreadPoolExecutor executor, MessageIntake intake, Handsets handsets) {
        this.server = server;
        this.executor = executor;
        this.intake = intake;
        this.handsets = handsets;
    }

    /** Binds {@code host:port} (0 = ephemeral) and starts serving. */
    public static HttpGateway start(String host, int port, MessageIntake intake, Handsets handsets) throws IOException {
        HttpServer server = JdkHttp.create(new InetSocketAddress(host, port), 256);
        // Bounded: a flood queues up to 1,024 exchanges, then the accepting thread runs them itself,
        // which slows accepting down instead of growing memory without limit.
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 4, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1024), r -> {
                    Thread t = new Thread(r, "gateway-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(executor);
        HttpGateway gateway = new HttpGateway(server, executor, intake, handsets);
        server.createContext("/", gateway::handle);
        server.start();
        return gateway;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI uri() {
        return URI.create("http://" + hostForUri(server.getAddress()) + ":" + port());
    }

    private static String hostForUri(InetSocketAddress a) {
        String h = a.getAddress().getHostAddress();
        return h.contains(":") ? "[" + h + "]" : h;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                route(ex);
            } catch (RejectedMessage e) {
                send(ex, 400, error(e.error(), e.getMessage()));
            } catch (RuntimeException e) {
                send(ex, 500, error("internal", "the gateway failed on this request: " + e));
            }
        } catch (IOException e) {
            // The client went away mid-reply: nothing left to tell it.
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        if (path.equals("/messages")) {
            if (!method.equals("POST")) {
                sendMethodNotAllowed(ex, "POST");
                return;
            }
            postMessage(ex);
            return;
        }
        Matcher twilio = TWILIO.matcher(path);
        if (twilio.matches()) {
            if (!method.equals("POST")) {
                sendMethodNotAllowed(ex, "POST");
                return;
            }
            postTwilio(ex, twilio.group(1));
            return;
        }
        if (path.startsWith("/handsets/") && path.length() > "/handsets/".length()) {
            if (!method.equals("GET")) {
                sendMethodNotAllowed(ex, "GET");
                return;
            }
            getHandset(ex, path.substring("/handsets/".length()));
            return;
        }
        send(ex, 404, error("not_found", "no such endpoint: " + method + " " + path
                + " (try POST /messages, POST /2010-04-01/Accounts/{sid}/Messages.json, GET /handsets/{to})"));
    }

    // ---- POST /messages ---------------------------------------------------------------------

    private void postMessage(HttpExchange ex) throws IOException {
        byte[] raw = readBody(ex);
        if (raw == null) {
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new RejectedMessage("malformed_json", "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new RejectedMessage("malformed_json", "expected a JSON object {\"channel\", \"to\", \"body\"}");
        }
        String channelId = text(json, "channel");
        Channel channel = Channel.fromId(channelId).orElseThrow(() -> new RejectedMessage("unknown_channel",
                "unknown channel \"" + channelId + "\"; expected one of "
                        + Channel.IDS));
        CarrierMessage m = intake.accept(channel, text(json, "to"), text(json, "body"));
        ObjectNode reply = JSON.createObjectNode();
        reply.put("id", m.id());
        reply.put("status", "accepted");
        reply.put("channel", channel.id());
        reply.put("to", m.to());
        reply.put("issuedAtMs", m.issuedAtMillis());
        send(ex, 202, reply);
    }

    private static String text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            throw new RejectedMessage("missing_field", "missing field \"" + field + "\"");
        }
        if (!v.isTextual()) {
            throw new RejectedMessage("bad_field", "field \"" + field + "\" must be a string, got " + v.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT));
        }
        return v.textValue();
    }

    // ---- Twilio-shaped -------------------------------------------------------------------------

    private void postTwilio(HttpExchange ex, String accountSid) throws IOException {
        byte[] raw = readBody(ex);
        if (raw == null) {
            return;
        }
        Map<String, String> form;
        try {
            form = parseForm(new String(raw, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            send(ex, 400, twilioError(20001, "the form body is not valid application/x-www-form-urlencoded: "
                    + e.getMessage()));
            return;
        }
        String to = form.get("To");
        String body = form.get("Body");
        if (to == null || to.isBlank()) {
            send(ex, 400, twilioError(21604, "A 'To' phone number is required."));
            return;
        }
        if (body == null || body.isEmpty()) {
            send(ex, 400, twilioError(21602, "Message body is required."));
            return;
        }
        CarrierMessage m;
        try {
            m = intake.accept(Channel.SMS, to, body);
        } catch (RejectedMessage e) {
            send(ex, 400, twilioError(20001, e.getMessage()));
            return;
        }
        String sid = String.format("SM%032x", m.id());
        ObjectNode reply = JSON.createObjectNode();
        reply.put("sid", sid);
        reply.put("account_sid", accountSid);
        reply.put("to", to);
        reply.put("from", form.getOrDefault("From", null));
        reply.put("messaging_service_sid", form.getOrDefault("MessagingServiceSid", null));
        reply.put("body", body);
        reply.put("status", "queued");
        reply.put("direction", "outbound-api");
        reply.put("num_segments", "1");
        reply.put("api_version", "2010-04-01");
        String now = RFC_2822.format(ZonedDateTime.now(ZoneOffset.UTC));
        reply.put("date_created", now);
        reply.put("date_updated", now);
        reply.putNull("date_sent");
        reply.putNull("error_code");
        reply.putNull("error_message");
        reply.putNull("price");
        reply.put("uri", "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + ".json");
        send(ex, 201, reply);
    }

    /** Parses {@code a=1&b=x%20y}; repeated keys keep the first value, as Twilio reads them. */
    static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.putIfAbsent(key, value);
        }
        return form;
    }

    private static ObjectNode twilioError(int code, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("code", code);
        e.put("message", message);
        e.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        e.put("status", 400);
        return e;
    }

    // ---- GET /handsets/{to} ---------------------------------------------------------------------

    private void getHandset(HttpExchange ex, String to) throws IOException {
        Optional<Handset> handset = handsets.find(to);
        if (handset.isEmpty()) {
            send(ex, 404, error("unknown_handset", "no handset for \"" + to + "\" (no message reached it yet)"));
            return;
        }
        ArrayNode list = JSON.createArrayNode();
        for (Handset.Message m : handset.get().messages()) {
            ObjectNode o = list.addObject();
            o.put("messageId", m.messageId());
            o.put("code", m.code());
            o.put("channel", m.channel().id());
            o.put("issuedAtMs", m.issuedAtMillis());
            o.put("visibleAtMs", m.visibleAtMillis());
            o.put("duplicate", m.duplicate());
        }
        send(ex, 200, list);
    }

    // ---- plumbing ---------------------------------------------------------------------------------

    /** The request body, or null after answering 413 when it is too large. */
    private static byte[] readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] raw = in.readNBytes(MAX_BODY_BYTES + 1);
            if (raw.length > MAX_BODY_BYTES) {
                send(ex, 413, error("too_large", "request bodies are limited to " + MAX_BODY_BYTES + " bytes"));
                return null;
            }
            return raw;
        }
    }

    private static ObjectNode error(String error, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("error", error);
        e.put("message", message);
        return e;
    }

    private static void sendMethodNotAllowed(HttpExchange ex, String allowed) throws IOException {
        ex.getResponseHeaders().set("Allow", allowed);
        send(ex, 405, error("method_not_allowed", "use " + allowed));
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        JdkHttp.respond(ex, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    /** Stops at once: at the end of a run, a request still in flight has no one left to serve it. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
