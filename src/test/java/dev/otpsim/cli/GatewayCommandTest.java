package dev.otpsim.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code otpsim gateway}: a bad file exits 2 with its problems; a good one serves on loopback. */
class GatewayCommandTest {

    @Test
    void aBadFileIsRefusedWithExitCode2() throws Exception {
        Path bad = Files.createTempFile("bad-carriers", ".conf");
        Files.writeString(bad, "carriers { sms { delay = fast }, pager { } }\ngateway { port = 99999 }\n");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new GatewayCommand()).setErr(new PrintWriter(err));
        assertEquals(Main.BAD_INPUT, cli.execute("--carriers", bad.toString()));
        assertTrue(err.toString().contains("carriers.sms.delay"), err::toString);
        assertTrue(err.toString().contains("carriers.pager"), err::toString);
        assertTrue(err.toString().contains("gateway.port"), err::toString);
        assertTrue(err.toString().contains(":1"), "problems carry file and line: " + err);

        assertEquals(Main.BAD_INPUT, Main.execute("gateway", "--carriers", "no/such/file.conf"));
    }

    @Test
    void aNonLoopbackHostNeedsAnExplicitFlag(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.conf");
        Files.writeString(file, "carriers { }\ngateway { host = 10.1.2.3 }\n");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new GatewayCommand()).setErr(new PrintWriter(err));
        assertEquals(Main.BAD_INPUT, cli.execute("--carriers", file.toString()));
        assertTrue(err.toString().contains("--allow-host 10.1.2.3"), err::toString);
    }

    @Test
    void servesTheGatewayAloneAndRegistersAnyRecipient(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("profiles"));
        Files.copy(Path.of("scenarios/profiles/carriers.conf"), dir.resolve("profiles/carriers.conf"));
        Path file = dir.resolve("gateway.conf");
        Files.writeString(file, Files.readString(Path.of("scenarios/gateway.conf"))
                .replace("sms = ${carrier-profiles.sms-healthy}", "sms { delay = 1s }"));
        GatewayCommand command = new GatewayCommand();
        new CommandLine(command).parseArgs("--carriers", file.toString(), "--port", "0", "--smtp-port", "0",
                "--time-scale", "100");
        StringWriter banner = new StringWriter();
        try (GatewayCommand.Running running = command.start(new PrintWriter(banner))) {
            URI base = running.gateway().httpUri();
            assertTrue(banner.toString().contains(base.toString()), banner::toString);
            assertTrue(banner.toString().contains("seed 42"), banner::toString);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> sent = http.send(HttpRequest.newBuilder(base.resolve("/messages"))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"channel\":\"sms\",\"to\":\"dev-phone\",\"body\":\"Your code is 246810\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, sent.statusCode(), sent.body());
            // 1 s simulated at time-scale 100 is 10 ms real; the timeout only guards against hanging.
            String inbox = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> http.send(HttpRequest.newBuilder(base.resolve("/handsets/dev-phone")).build(),
                            HttpResponse.BodyHandlers.ofString()).body(), body -> body.contains("246810"));
            assertTrue(inbox.contains("\"code\":\"246810\""), inbox);
        }
    }
}
