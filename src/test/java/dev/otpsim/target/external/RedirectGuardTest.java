package dev.otpsim.target.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.Ports;
import dev.otpsim.http.BoundedHttpServer;
import dev.otpsim.http.HttpLimits;
import dev.otpsim.load.GatlingEngine;
import dev.otpsim.run.RunOptions;
import dev.otpsim.run.RunResult;
import dev.otpsim.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A loopback target that answers every request with a redirect to another host must not lead
 * otpsim there: redirects are never followed, the 3xx is the target's answer (unmatched by the
 * outcome rules, so an error). The other host is 192.0.2.1 (TEST-NET-1, RFC 5737), which must
 * never be contacted: had a request been sent there, it would have ended in a connection failure
 * instead of the 307 the ledger records.
 */
class RedirectGuardTest {
    private static final String ELSEWHERE = "http://192.0.2.1:9";

    @TempDir
    Path dir;

    private BoundedHttpServer redirector;
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        redirector = BoundedHttpServer.start("redirector", new InetSocketAddress("127.0.0.1", 0),
                HttpLimits.defaults(16 * 1024), 2, request -> {
                    requests.computeIfAbsent(request.path(), p -> new LongAdder()).increment();
                    return BoundedHttpServer.Response.of(307, "application/json",
                            "{\"moved\":true}".getBytes(StandardCharsets.UTF_8)).withHeader("Location", ELSEWHERE + request.path());
                }, (status, error, message) -> BoundedHttpServer.Response.of(status, "text/plain",
                        message.getBytes(StandardCharsets.UTF_8)));
    }

    @AfterEach
    void stop() {
        redirector.close();
    }

    private Path scenario() throws IOException {
        Path file = dir.resolve("redirecting.conf");
        Files.writeString(file, """
                name = redirecting
                time-scale = 1
                target.external {
                  base-url = "%s"
                  identity { user = "u{n}" }
                  send   { path = "/otp/send",   json { user = "{user}", channel = "{channel}" } }
                  verify { path = "/otp/verify", json { user = "{user}", code = "{code}" } }
                  outcomes {
                    send   = [ { status = 202, outcome = accepted } ]
                    verify = [ { status = 200, outcome = accepted }, { status = 401, outcome = invalid } ]
                  }
                }
                people.profile { resend-wait = 1s, patience { type = fixed, value = 1s },
                                 reaction { type = fixed, value = 100ms }, max-resends = 1, give-up-after = 3s }
                load { rate = 2, duration = 2s, poll-interval = 100ms }
                gateway { port = %d }
                """.formatted(redirector.uri(), Ports.unreservedFree()));
        return file;
    }


    private long sends() {
        LongAdder n = requests.get("/otp/send");
        return n == null ? 0 : n.sum();
    }

    @Test
    @Tag("slow")
    void runTreatsARedirectAsTheAnswerAndNeverFollowsIt() throws Exception {
        RunResult r = new GatlingEngine(new PrintStream(new ByteArrayOutputStream(), true)).run(
                ScenarioLoader.load(scenario()),
                RunOptions.defaults().withReportsDir(dir.resolve("reports")).quiet().withoutHtml());
        Map<String, Object> unmatched = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                r.runDir().resolve("unmatched-answers.json").toFile(), Map.class);
        assertTrue(sends() > 0, "the people asked the target");
        assertEquals(Map.of("send 307", (int) sends()), unmatched,
                "every send was answered 307 by the loopback target, and that answer was the one judged");
        assertEquals(0, r.summary().outcomes().getOrDefault("success", 0L));
    }

    @Test
    void probeTreatsARedirectAsTheAnswerAndNeverFollowsIt() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new dev.otpsim.cli.Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("probe", scenario().toString());
        String o = out.toString();
        assertEquals(dev.otpsim.cli.Main.THRESHOLDS_FAILED, exit, o + err);
        assertTrue(o.contains("← 307  {\"moved\":true}"), o);
        assertTrue(o.contains("outcome: error — no rule of target.external.outcomes matched this answer"), o);
        assertFalse(o.contains("192.0.2.1"), o);
        assertFalse(o.contains("no response"), o);
        assertTrue(sends() > 0);
    }
}
