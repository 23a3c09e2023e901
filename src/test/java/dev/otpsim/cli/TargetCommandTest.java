package dev.otpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TargetCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private TargetCommand parse(String... args) {
        TargetCommand cmd = new TargetCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd;
    }

    private TargetCommand.Running start(TargetCommand cmd) throws TargetCommand.BadInput {
        return cmd.start(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** Runs the whole command line with stderr captured; only for paths that exit instead of serving. */
    private int execute(String... args) {
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return Main.execute(args);
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void servesThePolicyFromTheFile() throws Exception {
        Path policy = dir.resolve("policy.conf");
        Files.writeString(policy, "rotation = same-code\nresend-cooldown = 5s\nmax-attempts = 3\n");
        TargetCommand.Running running = start(parse("--policy", policy.toString(), "--port", "0"));
        try {
            assertEquals(3, running.service().policy().maxAttempts());
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("rotation same-code"), out.toString(StandardCharsets.UTF_8));
            HttpClient client = HttpClient.newHttpClient();
            URI base = running.server().baseUri();
            assertEquals("127.0.0.1", base.getHost());
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/otp/send"))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"u\",\"channel\":\"sms\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, r.statusCode());
            assertEquals(1, running.outbox().handedOver());
        } finally {
            running.server().close();
        }
    }

    @Test
    void aBadPolicyFileIsExplainedWithFileLineAndKeyAndExits2() throws Exception {
        Path policy = dir.resolve("bad.conf");
        Files.writeString(policy, "code-length = 6\nrotation = newest\nmax-attemps = 3\n");
        assertEquals(Main.BAD_INPUT, execute("target", "--policy", policy.toString(), "--port", "0"));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(policy + " (policy): invalid (2 problems)"), text);
        assertTrue(text.contains(policy + ":2: rotation: expected one of any-unexpired, latest-only, same-code"), text);
        assertTrue(text.contains(policy + ":3: max-attemps: unknown key"), text);
        assertFalse(text.contains("Exception"), "no stack trace: " + text);
    }

    @Test
    void aNonLoopbackHostIsRefusedUnlessAllowed() {
        TargetCommand.BadInput e = assertThrows(TargetCommand.BadInput.class,
                () -> start(parse("--host", "192.0.2.10", "--port", "0")));
        assertTrue(e.getMessage().contains("--allow-host 192.0.2.10"), e.getMessage());

        TargetCommand.BadInput g = assertThrows(TargetCommand.BadInput.class,
                () -> start(parse("--gateway", "http://192.0.2.11:8025", "--port", "0")));
        assertTrue(g.getMessage().contains("--gateway: 192.0.2.11 is not a loopback address"), g.getMessage());
    }

    @Test
    void anAllowedGatewayHostIsAccepted() throws Exception {
        TargetCommand.Running running = start(parse("--gateway", "http://192.0.2.11:8025",
                "--allow-host", "192.0.2.11", "--port", "0"));
        running.server().close();
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("codes go to http://192.0.2.11:8025/messages"));
    }

    @Test
    void aTakenPortIsOneLineNotAStackTrace() throws Exception {
        TargetCommand.Running first = start(parse("--port", "0"));
        try {
            int taken = first.server().port();
            TargetCommand.BadInput e = assertThrows(TargetCommand.BadInput.class,
                    () -> start(parse("--port", String.valueOf(taken))));
            assertTrue(e.getMessage().startsWith("otpsim target: cannot listen on 127.0.0.1:" + taken), e.getMessage());
        } finally {
            first.server().close();
        }
    }
}
