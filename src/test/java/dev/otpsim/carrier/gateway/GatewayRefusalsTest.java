package dev.otpsim.carrier.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.client.SMTPException;
import org.subethamail.smtp.client.SmartClient;

/**
 * The gateway counts what it refused, by reason and path: a service posting its codes to a wrong
 * path, or without a code in the text, hands nothing over, and these counts are all that says why.
 */
class GatewayRefusalsTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static int post(GatewayFixture f, String path, String type, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(f.gateway.httpUri() + path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void refusedPostsAreCountedByPathStatusAndReasonAndHandsetQueriesAreNot() throws Exception {
        try (GatewayFixture f = new GatewayFixture(RecipientPolicy.REGISTER_ANY)) {
            for (int i = 0; i < 50; i++) {
                assertEquals(404, post(f, "/wrong/path", "application/json",
                        "{\"channel\":\"sms\",\"to\":\"+1555000" + i + "\",\"body\":\"Your code is 123456\"}"));
            }
            assertEquals(400, post(f, "/messages", "application/json",
                    "{\"channel\":\"sms\",\"to\":\"+15550001\",\"body\":\"Welcome!\"}"));
            assertEquals(400, post(f, "/2010-04-01/Accounts/AC1/Messages.json", "application/x-www-form-urlencoded",
                    "To=%2B15550002&Body=hello"));
            assertEquals(400, post(f, "/2010-04-01/Accounts/AC1/Messages.json", "application/x-www-form-urlencoded",
                    "To=%2B15550002"));
            assertEquals(202, post(f, "/messages", "application/json",
                    "{\"channel\":\"sms\",\"to\":\"+15550003\",\"body\":\"Your code is 123456\"}"));
            HTTP.send(HttpRequest.newBuilder(URI.create(f.gateway.httpUri() + "/handsets/nobody")).build(),
                    HttpResponse.BodyHandlers.ofString()); // a 404 that refuses no message

            List<GatewayRefusals.Refusal> refused = f.gateway.refusals().snapshot();
            assertEquals(List.of(
                    new GatewayRefusals.Refusal("http", "POST /wrong/path", 404, "not_found", 50),
                    new GatewayRefusals.Refusal("http", "POST /2010-04-01/Accounts/AC1/Messages.json", 400,
                            "missing_body", 1),
                    new GatewayRefusals.Refusal("http", "POST /2010-04-01/Accounts/AC1/Messages.json", 400, "no_code", 1),
                    new GatewayRefusals.Refusal("http", "POST /messages", 400, "no_code", 1)), refused);
            assertEquals(53, f.gateway.refusals().total());
            assertEquals("50 posts to /wrong/path (404 not_found)", GatewayRefusals.Refusal.describe(refused.get(0)));
        }
    }

    @Test
    void smtpRefusalsAreCountedByStage() throws Exception {
        try (GatewayFixture f = new GatewayFixture(RecipientPolicy.REGISTER_ANY)) {
            SmartClient client = SmartClient.createAndConnect("127.0.0.1", f.gateway.smtpPort(), "test.local");
            client.from("no-reply@service.test");
            client.to("carol@example.com");
            client.dataStart();
            client.dataWrite("Subject: Welcome\r\n\r\nWelcome aboard!\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(554, assertThrows(SMTPException.class, client::dataEnd).getResponse().getCode());
            client.quit();
            List<GatewayRefusals.Refusal> refused = f.gateway.refusals().snapshot();
            assertEquals(List.of(new GatewayRefusals.Refusal("smtp", "DATA", 554, "no_code", 1)), refused);
            assertEquals("1 SMTP message at DATA (554 no_code)", GatewayRefusals.Refusal.describe(refused.get(0)));
        }
    }

    @Test
    void aClientTryingEveryPathCannotGrowTheCountsWithoutBound() {
        GatewayRefusals r = new GatewayRefusals();
        for (int i = 0; i < 1_000; i++) {
            r.http("POST", "/try/" + i, 404, "not_found");
        }
        r.http("POST", "/x".repeat(500), 404, "not_found");
        List<GatewayRefusals.Refusal> s = r.snapshot();
        assertEquals(GatewayRefusals.MAX_KINDS + 1, s.size());
        assertEquals(1_001, s.stream().mapToLong(GatewayRefusals.Refusal::count).sum());
        assertEquals(GatewayRefusals.OTHER, s.get(0).request());
        assertEquals("901 other requests (404 not_found)", GatewayRefusals.Refusal.describe(s.get(0)));
    }
}
