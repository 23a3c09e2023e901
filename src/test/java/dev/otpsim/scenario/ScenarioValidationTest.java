package dev.otpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** A table of broken scenarios: each is refused naming the right key and line. */
class ScenarioValidationTest {
    @TempDir
    Path dir;

    /** A valid scenario; each case replaces one line of it. */
    static final String VALID = String.join("\n",
            "name = t",                                                   // 1
            "seed = 7",                                                   // 2
            "time-scale = 60",                                            // 3
            "people.profile {",                                           // 4
            "  resend-wait = 30s",                                        // 5
            "  patience { type = lognormal, median = 45s, sigma = 0.5 }", // 6
            "  typo-rate = 0.01",                                         // 7
            "}",                                                          // 8
            "load { rate = 2, duration = 5m }",                           // 9
            "thresholds = [\"staleSubmissionRate < 0.05\"]",              // 10
            "");

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of(5, "  resend-wait = -30s", "people.profile.resend-wait", "negative"),
                Arguments.of(5, "  resend-wait = soon", "people.profile.resend-wait", "duration"),
                Arguments.of(7, "  typo-rate = 1.5", "people.profile.typo-rate", "[0, 1]"),
                Arguments.of(7, "  typo-rat = 0.1", "people.profile.typo-rat", "unknown key"),
                Arguments.of(6, "  patience { type = weibull, median = 45s }", "people.profile.patience.type", "lognormal"),
                Arguments.of(6, "  patience { type = percentiles, p50 = 10s, p90 = 5s, p99 = 20s, max = 30s }",
                        "people.profile.patience.p90", "must not decrease"),
                Arguments.of(6, "  patience { type = lognormal, median = 45s }", "people.profile.patience.sigma", "missing"),
                Arguments.of(9, "load { rate = two, duration = 5m }", "load.rate", "number"),
                Arguments.of(9, "load { rate = 2 }", "load.duration", "missing"),
                Arguments.of(10, "thresholds = [\"staleness < 0.05\"]", "thresholds", "unknown metric"),
                Arguments.of(10, "thresholds = [\"staleSubmissionRate is low\"]", "thresholds", "<metric> <op> <number>"),
                Arguments.of(3, "time-scale = 0", "time-scale", "number in"),
                Arguments.of(2, "sed = 7", "sed", "unknown key"),
                Arguments.of(5, "  code-choice = last", "people.profile.code-choice", "newest"));
    }

    @ParameterizedTest(name = "line {0}: {1}")
    @MethodSource("broken")
    void refusedWithKeyAndLine(int line, String replacement, String key, String expected) throws IOException {
        String[] lines = VALID.split("\n", -1);
        lines[line - 1] = replacement;
        Path file = dir.resolve("broken.conf");
        Files.writeString(file, String.join("\n", lines));
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file));
        ScenarioProblem p = e.problems().stream().filter(x -> x.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem for " + key + " in:\n" + e.getMessage()));
        assertEquals(line, p.line(), p.toString());
        assertTrue(p.message().contains(expected), p.toString());
        assertTrue(p.toString().startsWith(file.toString() + ":" + line + ": " + key + ": "), p.toString());
    }

    @Test
    void theValidOneLoads() throws IOException {
        Path file = dir.resolve("ok.conf");
        Files.writeString(file, VALID);
        Scenario s = ScenarioLoader.load(file);
        assertEquals(7, s.seed());
        assertEquals(600, Math.round(s.load().expectedJourneys()));
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() throws IOException {
        Path file = dir.resolve("two.conf");
        Files.writeString(file, VALID.replace("typo-rate = 0.01", "typo-rate = 2").replace("seed = 7", "seed = x"));
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file));
        assertEquals(2, e.problems().size(), e.getMessage());
    }

    @Test
    void syntaxErrorsAndMissingIncludesNameFileAndLine() throws IOException {
        Path file = dir.resolve("syntax.conf");
        Files.writeString(file, "name = t\npeople {\n  profile = { resend-wait = 30s \n");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file));
        assertTrue(e.problems().get(0).toString().startsWith(file.toString()), e.getMessage());
        assertTrue(e.problems().get(0).line() > 0, e.getMessage());

        Path inc = dir.resolve("inc.conf");
        Files.writeString(inc, "include required(\"missing-profiles.conf\")\n" + VALID);
        ScenarioException e2 = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(inc));
        assertTrue(e2.getMessage().contains("missing-profiles.conf"), e2.getMessage());
    }

    @Test
    void aMissingFileIsSaidPlainly() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(dir.resolve("nope.conf")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void problemsInAnIncludedFileNameThatFile() throws IOException {
        Files.writeString(dir.resolve("people.conf"), "person-profiles {\n  rushed {\n    max-resends = -1\n  }\n}\n");
        Path file = dir.resolve("main.conf");
        Files.writeString(file, "include \"people.conf\"\n" + VALID.replace(
                "people.profile {", "people.profile = ${person-profiles.rushed} {"));
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file));
        ScenarioProblem p = e.problems().get(0);
        assertTrue(p.file().endsWith("people.conf"), p.toString());
        assertEquals(3, p.line(), p.toString());
    }

    @Test
    void aHugeWrongValueIsShownByItsStartAndSize() throws IOException {
        Path file = dir.resolve("huge.conf");
        Files.writeString(file, VALID.replace("rate = 2", "rate = \"" + "x".repeat(5000) + "\""));
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file));
        String p = e.problems().get(0).toString();
        assertTrue(p.contains("load.rate") && p.contains("(5002 characters)") && p.length() < 300, p);
    }
}
