package dev.otpsim.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.cli.Main;
import dev.otpsim.security.SecurityRunner.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code otpsim security} says, and exits with, when it cannot probe. */
class SecurityCommandTest {
    @TempDir
    Path dir;

    private Path scenario(String text) throws Exception {
        Path file = dir.resolve("s.conf");
        Files.writeString(file, text);
        return file;
    }

    private Path weak(String baseUrl, int gatewayPort) throws Exception {
        return scenario(SecurityRunner.weakScenario(baseUrl, gatewayPort, ""));
    }

    @Test
    void badInputExitsTwoBeforeAnythingIsSent() throws Exception {
        Run missing = SecurityRunner.security(dir.resolve("r"), dir.resolve("nowhere.conf"));
        assertEquals(Main.BAD_INPUT, missing.exit());

        Path ok = weak("http://127.0.0.1:9", 8025);
        Run parallel = SecurityRunner.security(dir.resolve("r"), ok, "--parallel", "0");
        assertEquals(Main.BAD_INPUT, parallel.exit());
        assertTrue(parallel.err().contains("--parallel must be in [1, 200], got 0"), parallel::toString);

        Run probe = SecurityRunner.security(dir.resolve("r"), ok, "--probes", "code-reuse,timing");
        assertEquals(Main.BAD_INPUT, probe.exit());
        assertTrue(probe.err().contains("no probe \"timing\"; expected some of attempt-limit,"), probe::toString);

        Run timeout = SecurityRunner.security(dir.resolve("r"), ok, "--timeout", "soon");
        assertEquals(Main.BAD_INPUT, timeout.exit());
        assertTrue(timeout.err().contains("--timeout: expected a duration such as 90s or 2m, got \"soon\""),
                timeout::toString);

        Run remote = SecurityRunner.security(dir.resolve("r"), weak("http://10.1.2.3:9000", 8025));
        assertEquals(Main.BAD_INPUT, remote.exit());
        assertTrue(remote.err().contains("--allow-target 10.1.2.3"), remote::toString);

        Run invalid = SecurityRunner.security(dir.resolve("r"), scenario(SecurityRunner.weakScenario(
                "http://127.0.0.1:9", 8025, "max-attempts = 0, unknown-user = \"ghost\"")));
        assertEquals(Main.BAD_INPUT, invalid.exit());
        assertTrue(invalid.err().contains("target.external.expected.max-attempts: expected a whole number in [1, 1000000], got 0"),
                invalid::toString);
        assertTrue(invalid.err().contains("target.external.expected.unknown-user: each probe needs its own unknown user"),
                invalid::toString);
        assertNull(invalid.report(), "nothing was written");
    }

    @Test
    void anUnreachableTargetExitsThreeAndSaysSo() throws Exception {
        Run r;
        int closed;
        try (dev.otpsim.Ports.Refusing refusing = dev.otpsim.Ports.refusing()) { // nothing listens there
            closed = refusing.port();
            r = SecurityRunner.security(dir.resolve("r"), weak("http://127.0.0.1:" + closed,
                    dev.otpsim.Ports.unreservedFree()));
        }
        assertEquals(Main.RUN_FAILED, r.exit(), r::toString);
        assertTrue(r.err().contains("the probing failed: the target at http://127.0.0.1:" + closed
                + " did not answer: connection refused (is the target running?)"), r::toString);
        assertEquals("error", r.report().get("verdict").asText());
        assertEquals(3, r.report().get("exitCode").asInt());
        assertTrue(Files.exists(r.dir().resolve("security.html")));
    }
}
