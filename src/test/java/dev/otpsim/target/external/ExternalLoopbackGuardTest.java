package dev.otpsim.target.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.cli.Main;
import dev.otpsim.load.GatlingEngine;
import dev.otpsim.run.RunOptions;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A target or gateway off loopback needs --allow-target naming it; the refusal says why. */
class ExternalLoopbackGuardTest {
    @TempDir
    Path dir;

    private Path write(String baseUrl, String gatewayHost) throws IOException {
        Path file = dir.resolve("remote.conf");
        Files.writeString(file, ExternalTargetTest.PEOPLE + """
                target.external {
                  base-url = "%s"
                  identity { user = "u{n}" }
                  send { path = "/otp/send", json { user = "{user}" } }
                  verify { path = "/otp/verify", json { user = "{user}", code = "{code}" } }
                  outcomes { verify = [ { status = 200, outcome = accepted }, { status = 401, outcome = invalid } ] }
                }
                gateway { host = "%s", port = 8025 }
                """.formatted(baseUrl, gatewayHost));
        return file;
    }

    @Test
    void aNonLoopbackTargetIsRefusedUnlessNamed() throws IOException {
        Scenario s = ScenarioLoader.load(write("http://10.1.2.3:9000", "127.0.0.1"));
        Optional<String> refused = dev.otpsim.run.RunPlan.refusal(s, List.of());
        assertTrue(refused.isPresent());
        assertTrue(refused.get().startsWith("target.external.base-url: 10.1.2.3 is not a loopback address"),
                refused::get);
        assertTrue(refused.get().contains("--allow-target 10.1.2.3"), refused::get);

        assertEquals(Optional.empty(), dev.otpsim.run.RunPlan.refusal(s, List.of("10.1.2.3")));
        assertTrue(dev.otpsim.run.RunPlan.refusal(s, List.of("10.9.9.9")).isPresent(), "only the host named is allowed");
        assertEquals(Optional.empty(), dev.otpsim.run.RunPlan.refusal(ScenarioLoader.load(write("http://127.0.0.2:9000",
                "::1")), List.of()), "all of 127.0.0.0/8 and ::1 are loopback");
    }

    @Test
    void aNonLoopbackGatewayIsRefusedToo() throws IOException {
        Scenario s = ScenarioLoader.load(write("http://127.0.0.1:9000", "192.168.7.7"));
        assertTrue(dev.otpsim.run.RunPlan.refusal(s, List.of()).orElseThrow().contains("gateway.host: 192.168.7.7"));
        assertEquals(Optional.empty(), dev.otpsim.run.RunPlan.refusal(s, List.of("192.168.7.7")));
    }

    @Test
    void theRunStopsBeforeAnythingStarts() throws IOException {
        Scenario s = ScenarioLoader.load(write("http://10.1.2.3:9000", "127.0.0.1"));
        Path reports = dir.resolve("reports");
        GatlingEngine engine = new GatlingEngine(new PrintStream(new ByteArrayOutputStream()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.run(s, RunOptions.defaults().withReportsDir(reports).quiet()));
        assertTrue(e.getMessage().contains("--allow-target"), e::getMessage);
        assertFalse(Files.exists(reports), "no run directory, no listener, no request");

        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        try {
            assertEquals(Main.BAD_INPUT, Main.execute("run", "--quiet", "--out", reports.toString(),
                    dir.resolve("remote.conf").toString()));
        } finally {
            System.setErr(err);
        }
        assertTrue(captured.toString().contains("not a loopback address"), captured::toString);
    }
}
