package dev.otpsim.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otpsim.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/** Runs {@code otpsim security} in this JVM and reads what it wrote: shared by the security tests. */
final class SecurityRunner {
    private SecurityRunner() {
    }

    /** The exit code, what was printed, and security.json (null when none was written). */
    record Run(int exit, String out, String err, JsonNode report, Path dir) {
        String verdict(String probe) {
            for (JsonNode p : report.get("probes")) {
                if (p.get("id").asText().equals(probe)) {
                    return p.get("verdict").asText();
                }
            }
            throw new AssertionError("no probe " + probe + " in " + report);
        }

        JsonNode evidence(String probe) {
            for (JsonNode p : report.get("probes")) {
                if (p.get("id").asText().equals(probe)) {
                    return p.get("evidence");
                }
            }
            throw new AssertionError("no probe " + probe);
        }

        /** Asserts that {@code probe} failed and no other probe did: the probe catches exactly this weakness. */
        void onlyFails(String probe) {
            assertEquals(Main.THRESHOLDS_FAILED, exit, this::toString);
            assertEquals("fail", verdict(probe), this::toString);
            for (JsonNode p : report.get("probes")) {
                if (!p.get("id").asText().equals(probe)) {
                    assertNotEquals("fail", p.get("verdict").asText(), () -> p.get("id").asText() + " failed too: " + this);
                    assertNotEquals("error", p.get("verdict").asText(), () -> p.get("id").asText() + " errored: " + this);
                }
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n" + out + err;
        }
    }

    static Run security(Path reports, Path scenario, String... options) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(List.of("security", "--out", reports.toString()));
        args.addAll(List.of(options));
        args.add(scenario.toString());
        int exit = cli.execute(args.toArray(String[]::new));
        JsonNode report = null;
        Path dir = null;
        if (Files.isDirectory(reports)) {
            try (Stream<Path> s = Files.list(reports)) {
                dir = s.filter(p -> Files.exists(p.resolve("security.json"))).max(Path::compareTo).orElse(null);
            }
            if (dir != null) {
                report = new ObjectMapper().readTree(dir.resolve("security.json").toFile());
            }
        }
        return new Run(exit, out.toString(), err.toString(), report, dir);
    }


    /** A scenario driving {@link WeakOtpService}; {@code expected} is the body of target.external.expected, or "". */
    static String weakScenario(String baseUrl, int gatewayPort, String expected) {
        return """
                name = weak
                target.external {
                  base-url = "%s"
                  identity { user = "+1555{n:07d}" }
                  send   { path = "/v1/otp/start", json { phone = "{address}" } }
                  verify { path = "/v1/otp/check", json { phone = "{address}", code = "{code}" } }
                  outcomes {
                    send = [ { status = 200, outcome = accepted }
                             { status = 429, outcome = rate-limited, retry-after { json = "retry_in_s", unit = 1s } }
                             { status = 423, outcome = locked, retry-after = 30m } ]
                    verify = [ { status = 200, outcome = accepted }
                               { status = 400, outcome = invalid }
                               { status = 423, outcome = locked, retry-after = 30m } ]
                  }
                  %s
                }
                gateway { port = %d }
                people.profile { resend-wait = 5s }
                load { rate = 1, duration = 1s }
                """.formatted(baseUrl, expected.isEmpty() ? "" : "expected { " + expected + " }", gatewayPort);
    }
}
