package dev.otpsim.carrier.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.handset.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway over real HTTP on 127.0.0.1: both request shapes, handset listing, malformed input. */
class HttpGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static GatewayFixture fixture;

    @BeforeAll
    static void start() throws IOException {
        fixture = new GatewayFixture(RecipientPolicy.REGISTER_ANY);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void jsonMessageIsAcceptedIssuedAndDelivered() throws Exception {
        HttpResponse<String> r = post("/messages", "application/json",
                "{\"channel\":\"sms\",\"to\":\"+15550001\",\"body\":\"Your code is 482913. Valid 10 minutes.\"}");
        assertEquals(202, r.statusCode(), r.body());
        JsonNode reply = JSON.readTree(r.body());
        long id = reply.get("id").asLong();
        CarrierMessage m = fixture.issued.stream().filter(x -> x.id() == id).findFirst().orElseThrow();
        assertEquals("482913", m.code());
        assertEquals(Channel.SMS, m.channel());
        assertEquals(5_000, m.issuedAtMillis());

        JsonNode inbox = awaitInbox("/handsets/%2B15550001", id);
        assertEquals("482913", inbox.get("code").asText());
        assertEquals("sms", inbox.get("channel").asText());
        assertEquals(5_000, inbox.get("issuedAtMs").asLong());
        assertEquals(5_000, inbox.get("visibleAtMs").asLong());
        assertEquals(false, inbox.get("duplicate").asBoolean());
    }

    @Test
    void twilioShapedFormIsAcceptedWithATwilioLikeReply() throws Exception {
        HttpResponse<String> r = post("/2010-04-01/Accounts/AC0123456789abcdef/Messages.json",
                "application/x-www-form-urlencoded",
                "To=%2B15550002&From=%2B15559999&Body=Your+verification+code+is%3A+7301");
        assertEquals(201, r.statusCode(), r.body());
        JsonNode reply = JSON.readTree(r.body());
        assertTrue(reply.get("sid").asText().matches("SM[0-9a-f]{32}"), r.body());
        assertEquals("queued", reply.get("status").asText());
        assertEquals("+15550002", reply.get("to").asText());
        assertEquals("+15559999", reply.get("from").asText());
        assertEquals("AC0123456789abcdef", reply.get("account_sid").asText());
        assertTrue(fixture.issued.stream().anyMatch(m -> m.to().equals("+15550002") && m.code().equals("7301")
                && m.channel() == Channel.SMS));
    }

    @Test
    void malformedRequestsGet400WithAnExplanationAndTheServerKeepsServing() throws Exception {
        assertError(post("/messages", "application/json", "{not json"), 400, "malformed_json");
        assertError(post("/messages", "application/json", "[1,2]"), 400, "malformed_json");
        assertError(post("/messages", "application/json", ""), 400, "malformed_json");
        assertError(post("/messages", "application/json", "{\"channel\":\"sms\",\"body\":\"code 1234\"}"), 400,
                "missing_field");
        assertError(post("/messages", "application/json", "{\"channel\":\"sms\",\"to\":7,\"body\":\"code 1234\"}"), 400,
                "bad_field");
        assertError(post("/messages", "application/json", "{\"channel\":\"fax\",\"to\":\"a\",\"body\":\"code 1234\"}"),
                400, "unknown_channel");
        assertError(post("/messages", "application/json", "{\"channel\":\"sms\",\"to\":\"a\",\"body\":\"no digits\"}"),
                400, "no_code");
        assertError(post("/messages", "application/json", "{\"channel\":\"sms\",\"to\":\"   \",\"body\":\"1234\"}"),
                400, "missing_field");
        assertError(post("/messages", "application/json", "x".repeat(HttpGateway.MAX_BODY_BYTES + 10)), 413,
                "too_large");
        assertError(get("/messages"), 405, "method_not_allowed");
        assertError(get("/nowhere"), 404, "not_found");
        assertError(get("/handsets/nobody-here"), 404, "unknown_handset");

        String twilio = "/2010-04-01/Accounts/AC1/Messages.json";
        assertTwilioError(post(twilio, "application/x-www-form-urlencoded", "From=1&Body=code+1234"), 21604);
        assertTwilioError(post(twilio, "application/x-www-form-urlencoded", "To=%2B1555&From=1"), 21602);
        assertTwilioError(post(twilio, "application/x-www-form-urlencoded", "To=%ZZ&Body=1234"), 20001);
        assertTwilioError(post(twilio, "application/x-www-form-urlencoded", "To=%2B1555&Body=hello"), 20001);

        // A client that sends half a request and hangs up does not take the server down.
        try (Socket s = new Socket("127.0.0.1", fixture.gateway.httpPort())) {
            OutputStream out = s.getOutputStream();
            out.write("POST /messages HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{\"chan".getBytes(
                    StandardCharsets.US_ASCII));
            out.flush();
        }
        try (Socket s = new Socket("127.0.0.1", fixture.gateway.httpPort())) {
            s.getOutputStream().write("THIS IS NOT HTTP\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(5_000);
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII); // answered, then closed
            assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request"), answer);
            assertTrue(answer.contains("\"error\":\"bad_request\""), answer);
        }

        HttpResponse<String> ok = post("/messages", "application/json",
                "{\"channel\":\"voice\",\"to\":\"+15550003\",\"body\":\"Your code is 1 2 3 4 ... 991122\"}");
        assertEquals(202, ok.statusCode(), ok.body());
    }

    @Test
    void theCodePatternIsConfigurable() {
        CodeExtractor custom = new CodeExtractor(java.util.regex.Pattern.compile("code: ([A-Z0-9]{5})"));
        assertEquals("AB12C", custom.extract("Your code: AB12C (not 123456)"));
        CodeExtractor standard = new CodeExtractor(java.util.regex.Pattern.compile(GatewaySpec.DEFAULT_CODE_PATTERN));
        assertEquals("482913", standard.extract("Use 482913 to sign in, valid 10 min"));
        assertEquals("2026", standard.extract("On 2026-11-26 your code 4829 ..."), "the first run wins");
        assertEquals(null, standard.extract("call 123 or 123456789"));
    }

    private static void assertError(HttpResponse<String> r, int status, String error) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(error, body.get("error").asText(), r.body());
        assertTrue(body.get("message").asText().length() > 5, r.body());
    }

    private static void assertTwilioError(HttpResponse<String> r, int code) throws IOException {
        assertEquals(400, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(code, body.get("code").asInt(), r.body());
        assertEquals(400, body.get("status").asInt());
    }

    /** The message once listed at {@code path}; the timeout only guards against hanging. */
    private static JsonNode awaitInbox(String path, long id) {
        return await("message " + id + " listed at " + path).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(5)).until(() -> listed(path, id), m -> m != null);
    }

    private static JsonNode listed(String path, long id) throws Exception {
        HttpResponse<String> r = get(path);
        if (r.statusCode() == 200) {
            for (JsonNode m : JSON.readTree(r.body())) {
                if (m.get("messageId").asLong() == id) {
                    return m;
                }
            }
        }
        return null;
    }

    private static HttpResponse<String> post(String path, String type, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(fixture.gateway.httpUri() + path);
    }
}
