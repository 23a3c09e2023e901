package dev.otpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.bench.BenchConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Argument parsing of {@code otpsim bench}: nothing here starts a run. */
class BenchCommandTest {

    private static BenchConfig parse(String... args) {
        BenchCommand c = new BenchCommand();
        new CommandLine(c).parseArgs(args);
        return c.config();
    }

    @Test
    void noOptionsMeansTheDefaults() {
        assertEquals(BenchConfig.DEFAULTS, parse());
    }

    @Test
    void optionsOverrideTheirPartOnly() {
        BenchConfig c = parse("--rates", "100, 250", "--seconds", "1", "--memory-seconds", "0", "--timer-messages", "200",
                "--timer-rate", "500");
        assertEquals(List.of(100.0, 250.0), c.rates());
        assertEquals(1.0, c.rungSeconds());
        assertEquals(0.0, c.memorySeconds());
        assertEquals(200, c.timerMessages());
        assertEquals(500.0, c.timerRate());
        assertEquals(BenchConfig.DEFAULTS.timerDelayMs(), c.timerDelayMs());
    }

    @Test
    void theRobustnessCheckTakesScenariosAndABusyCore() {
        BenchConfig c = parse("--busy-core", "--scenarios", "scenarios/quickstart.conf,scenarios", "--memory-runs", "5");
        assertTrue(c.busyCore());
        assertEquals(List.of("scenarios/quickstart.conf", "scenarios"), c.scenarios());
        assertEquals(5, c.memoryRuns());
        assertEquals(false, parse().busyCore());
    }

    @Test
    void aScenarioThatIsNotThereIsBadInput() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(Main.BAD_INPUT, Main.execute("bench", "--scenarios", "no/such.conf"));
        } finally {
            System.setErr(err);
        }
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("no such file or folder: no/such.conf"),
                captured.toString());
    }

    @Test
    void ratesNoneSkipsTheLadder() {
        assertTrue(parse("--rates", "none").rates().isEmpty());
    }

    @Test
    void badValuesAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> parse("--rates", "fast"));
        assertThrows(IllegalArgumentException.class, () -> parse("--rates", "-5"));
        assertThrows(IllegalArgumentException.class, () -> parse("--seconds", "0.1"));
        assertThrows(IllegalArgumentException.class, () -> parse("--timer-messages", "-1"));
        assertThrows(IllegalArgumentException.class, () -> parse("--memory-runs", "0"));
    }

    @Test
    void badInputExitsTwoBeforeAnythingRuns() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(Main.BAD_INPUT, Main.execute("bench", "--rates", "fast"));
        } finally {
            System.setErr(err);
        }
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("--rates: expected numbers"), captured.toString());
    }
}
