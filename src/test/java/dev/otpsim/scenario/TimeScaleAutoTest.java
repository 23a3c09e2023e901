package dev.otpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.config.ScenarioException;
import dev.otpsim.config.ScenarioProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code time-scale = auto} is accepted only where it can be measured: the embedded target, the gatling engine. */
class TimeScaleAutoTest {
    private static final String EXTERNAL = """
            gateway { port = 18025 }
            target.external { base-url = "http://127.0.0.1:19000", identity { user = "u{n}" }
              send { path = /s }, verify { path = /v }
              outcomes { verify = [ { status = 200, outcome = accepted } ] } }
            """;

    @TempDir
    Path dir;

    private Path file(String body) throws IOException {
        Path f = dir.resolve("s.conf");
        Files.writeString(f, "people.profile { channel = sms }\nload { rate = 2, duration = 1m }\n" + body);
        return f;
    }

    private ScenarioProblem refused(String body) throws IOException {
        Path f = file(body);
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(f));
        return e.problems().stream().filter(p -> p.key().equals("time-scale")).findFirst()
                .orElseThrow(() -> new AssertionError("no time-scale problem in:\n" + e.getMessage()));
    }

    @Test
    void autoWithTheEmbeddedTargetIsAcceptedAndResolvedLater() throws IOException {
        Scenario s = ScenarioLoader.load(file("time-scale = auto\n"));
        assertTrue(s.autoTimeScale());
        assertEquals(Scenario.AUTO_FLOOR, s.timeScale());
        assertTrue(s.describe().contains("time-scale auto"), s.describe());
        Scenario measured = s.withTimeScale(120);
        assertFalse(measured.autoTimeScale());
        assertEquals(120, measured.timeScale());
        assertEquals(s.load(), measured.load());
        assertTrue(ScenarioLoader.load(file("time-scale = auto\nengine = gatling\n")).autoTimeScale());
        assertFalse(ScenarioLoader.load(file("time-scale = 60\n")).autoTimeScale());
    }

    @Test
    void autoIsRefusedWithAnExternalTarget() throws IOException {
        ScenarioProblem p = refused("time-scale = auto\n" + EXTERNAL);
        assertTrue(p.message().contains("external target keeps its own clock"), p.toString());
        assertEquals(3, p.line());
    }

    @Test
    void autoIsRefusedWithTheVirtualEngine() throws IOException {
        ScenarioProblem p = refused("time-scale = auto\nengine = virtual\n");
        assertTrue(p.message().contains("measured by the gatling engine"), p.toString());
    }

    @Test
    void anyOtherWordIsRefusedNamingBothForms() throws IOException {
        ScenarioProblem p = refused("time-scale = fast\n");
        assertTrue(p.message().contains("a number in [0.001, 100000]") && p.message().contains("or auto")
                && p.message().contains("\"fast\""), p.toString());
    }
}
