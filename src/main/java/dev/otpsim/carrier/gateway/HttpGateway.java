package dev.otpsim.carrier.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handset;
import dev.otpsim.handset.Handsets;
import dev.otpsim.http.BoundedHttpServer;
import dev.otpsim.http.BoundedHttpServer.Request;
import dev.otpsim.http.BoundedHttpServer.Response;
import dev.otpsim.http.HttpLimits;
import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's HTTP side, on {@link BoundedHttpServer} (request timeouts, connection limits):
 * <ul>
 *   <li>{@code POST /messages} {@code {"channel":"sms","to":"+15550001","body":"Your code is 482913"}}
 *       → {@code 202 {"id":17,"status":"accepted","channel":"sms","to":...}}</li>
 *   <li>{@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, form {@code To}, {@code From},
 *       {@code Body} (Twilio's shape) → {@code 201 {"sid":"SM…","status":"queued",…}}, channel sms</li>
 *   <li>{@code GET /handsets/{to}} → the handset's messages as JSON</li>
 * </ul>
 * Malformed input gets {@code 400} with a JSON explanation; a failure inside a handler gets
 * {@code 500}; neither stops the server. A body over 64 KB gets {@code 413 too_large}, a request
 * not complete within 10 s {@code 408}, one connection too many {@code 503 too_many_connections}
 * ({@link HttpLimits}).
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
    private static final int HANDLER_THREADS = 4;
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    private final MessageIntake intake;
    private final Handsets handsets;
    private final GatewayRefusals refusals;
    private BoundedHttpServer server;

    private HttpGateway(MessageIntake intake, Handsets handsets, GatewayRefusals refusals) {
        this.intake = intake;
        this.handsets = handsets;
        this.refusals = refusals;
    }

    /** Binds {@code host:port} (0 = ephemeral) and starts serving. */
    public static HttpGateway start(String host, int port, MessageIntake intake, Handsets handsets) throws IOException {
        return start(host, port, intake, handsets, HttpLimits.defaults(MAX_BODY_BYTES));
    }

    /** As above, with connection limits of one's own (e.g. short timeouts in a test). */
    public static HttpGateway start(String host, int port, MessageIntake intake, Handsets handsets, HttpLimits limits)
            throws IOException {
        return start(host, port, intake, handsets, limits, new GatewayRefusals());
    }

    /** As above, counting every request it refuses in {@code refusals} (by method, path, status and reason). */
    public static HttpGateway start(String host, int port, MessageIntake intake, Handsets handsets, HttpLimits limits,
                                    GatewayRefusals refusals) throws IOException {
        HttpGateway gateway = new HttpGateway(intake, handsets, refusals);
        gateway.server = BoundedHttpServer.start("gateway-http", new InetSocketAddress(host, port), limits,
                HANDLER_THREADS, gateway::handle, (status, error, message) -> {
                    refusals.httpServer(status, error);
                    return json(status, error(error, message));
                });
        return gateway;
    }

    public int port() {
        return server.port();
    }

    public URI uri() {
        return server.uri();
    }

    private Response handle(Request ex) {
        try {
            return route(ex);
        } catch (RejectedMessage e) {
            return refuse(ex, 400, e.error(), error(e.error(), e.getMessage()));
        } catch (RuntimeException e) {
            return refuse(ex, 500, "internal", error("internal", "the gateway failed on this request: " + e));
        }
    }

    /** An answer that hands nothing over, counted by method, path, status and reason. */
    private Response refuse(Request ex, int status, String reason, ObjectNode body) {
        refusals.http(ex.method(), ex.path(), status, reason);
        return json(status, body);
    }

    private Response route(Request ex) {
        String method = ex.method();
        String path = ex.path();
        if (path.equals("/messages")) {
            if (!method.equals("POST")) {
                return methodNotAllowed(ex, "POST");
            }
            return postMessage(ex.body());
        }
        Matcher twilio = TWILIO.matcher(path);
        if (twilio.matches()) {
            if (!method.equals("POST")) {
                return methodNotAllowed(ex, "POST");
            }
            return postTwilio(ex, twilio.group(1));
        }
        if (path.startsWith("/handsets/") && path.length() > "/handsets/".length()) {
            if (!method.equals("GET")) {
                return methodNotAllowed(ex, "GET");
            }
            return getHandset(path.substring("/handsets/".length()));
        }
        return refuse(ex, 404, "not_found", error("not_found", "no such endpoint: " + method + " " + path
                + " (try POST /messages, POST /2010-04-01/Accounts/{sid}/Messages.json, GET /handsets/{to})"));
    }

    // ---- POST /messages ---------------------------------------------------------------------

    private Response postMessage(byte[] raw) {
        JsonNode json;
        try {
            json = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new RejectedMessage("malformed_json", "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RejectedMessage("malformed_json", "the body is not readable: " + e.getMessage());
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
        return json(202, reply);
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

    private Response postTwilio(Request ex, String accountSid) {
        Map<String, String> form;
        try {
            form = parseForm(new String(ex.body(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return refuse(ex, 400, "malformed_form", twilioError(20001,
                    "the form body is not valid application/x-www-form-urlencoded: " + e.getMessage()));
        }
        String to = form.get("To");
        String body = form.get("Body");
        if (to == null || to.isBlank()) {
            return refuse(ex, 400, "missing_to", twilioError(21604, "A 'To' phone number is required."));
        }
        if (body == null || body.isEmpty()) {
            return refuse(ex, 400, "missing_body", twilioError(21602, "Message body is required."));
        }
        CarrierMessage m;
        try {
            m = intake.accept(Channel.SMS, to, body);
        } catch (RejectedMessage e) {
            return refuse(ex, 400, e.error(), twilioError(20001, e.getMessage()));
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
        return json(201, reply);
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

    private Response getHandset(String to) {
        Optional<Handset> handset = handsets.find(to);
        if (handset.isEmpty()) {
            return json(404, error("unknown_handset", "no handset for \"" + to + "\" (no message reached it yet)"));
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
        return json(200, list);
    }

    // ---- plumbing ---------------------------------------------------------------------------------

    private static ObjectNode error(String error, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("error", error);
        e.put("message", message);
        return e;
    }

    private Response methodNotAllowed(Request ex, String allowed) {
        return refuse(ex, 405, "method_not_allowed", error("method_not_allowed", "use " + allowed))
                .withHeader("Allow", allowed);
    }

    private static Response json(int status, JsonNode body) {
        try {
            return Response.of(status, JSON_TYPE, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /** Stops at once: at the end of a run, a request still in flight has no one left to serve it. */
    @Override
    public void close() {
        server.close();
    }
}
