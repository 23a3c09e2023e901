package dev.otpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.config.Limits;
import dev.otpsim.config.ScenarioException;
import dev.otpsim.config.ScenarioProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenarios that validated and then broke {@code run} (issue 11, item 9) are refused by
 * validation, at the key to change, before anything starts.
 */
class RunBoundsTest {
    @TempDir
    Path dir;

    static Stream<Arguments> beyondOneMachine() {
        return Stream.of(
                // OutOfMemoryError, exit 1
                Arguments.of("load { rate = 1000000, duration = 106000d }", "load", 2, "journeys"),
                // 1.37 million time-series rows and no summary after 200 s
                Arguments.of("load { rate = 2, duration = 5m }\nmetrics.window = 1ms", "metrics.window", 3,
                        "metrics windows"),
                // one journey in ten thousand seconds, but for 90,000 days of real time
                Arguments.of("load { rate = 0.0001, duration = 90000d }\nmetrics.window = 1d", "load", 2, "real time"),
                // exit 3 "the run failed: <path>"
                Arguments.of("load { rate = 2, duration = 5m }\nname = " + "n".repeat(10_000), "name", 3,
                        "at most " + Limits.MAX_NAME_LENGTH),
                // "Address already in use"
                Arguments.of("load { rate = 2, duration = 5m }\ngateway { port = 18025, smtp-port = 18025 }",
                        "gateway.smtp-port", 3, "same port"),
                Arguments.of("load { rate = 2, duration = 5m, poll-interval = 1s }\ngateway { port = 19000 }\n"
                                + "target.external { base-url = \"http://127.0.0.1:19000\", identity { user = \"u{n}\" }\n"
                                + "  send { path = /s }, verify { path = /v }\n"
                                + "  outcomes { verify = [ { status = 200, outcome = accepted } ] } }",
                        "target.external.base-url", 4, "gateway.port"));
    }

    @ParameterizedTest(name = "{1}: {3}")
    @MethodSource("beyondOneMachine")
    void refusedAtTheKeyToChange(String tail, String key, int line, String expected) throws IOException {
        Path file = dir.resolve("big.conf");
        Files.writeString(file, "people.profile { channel = sms }\n" + tail + "\n");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file));
        ScenarioProblem p = e.problems().stream().filter(x -> x.key().equals(key) && x.message().contains(expected))
                .findFirst().orElseThrow(() -> new AssertionError("no problem for " + key + " in:\n" + e.getMessage()));
        assertEquals(line, p.line(), p.toString());
        assertTrue(p.toString().length() < 400, "said briefly, not echoing the value: " + p);
    }

    @Test
    void generousForWhatOneMachineCanRun() throws IOException {
        // Ten million journeys, a day simulated in minutes: allowed (the run decides how fast it goes).
        Path file = dir.resolve("large.conf");
        Files.writeString(file, "people.profile { channel = sms }\ntime-scale = 1000\n"
                + "load { rate = 115, duration = 24h }\nmetrics.window = 1s\n");
        Scenario s = ScenarioLoader.load(file);
        assertTrue(s.load().expectedJourneys() > 9_000_000, s.describe());
    }

    @Test
    void aComparisonOfTooManyVariantsIsRefusedBeforeBuildingThem() throws IOException {
        Files.writeString(dir.resolve("base.conf"), "people.profile { channel = sms }\nload { rate = 1, duration = 1m }\n"
                + "seed = 1\ntime-scale = 1\n");
        Files.writeString(dir.resolve("sweep.conf"), "base = \"base.conf\"\nvary {\n"
                + "  seed = [" + java.util.stream.IntStream.range(0, 1000).mapToObj(Integer::toString)
                        .collect(java.util.stream.Collectors.joining(",")) + "]\n"
                + "  time-scale = [1, 2, 3]\n}\n");
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> dev.otpsim.report.compare.Sweep.parse(dir.resolve("sweep.conf")));
        assertTrue(e.getMessage().contains("3,000 combinations") && e.getMessage().contains("sweep.conf:2"), e.getMessage());
    }
}
