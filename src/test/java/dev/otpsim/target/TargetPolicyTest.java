package dev.otpsim.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.config.Problems;
import dev.otpsim.config.ScenarioFiles;
import dev.otpsim.config.ScenarioProblem;
import dev.otpsim.config.Section;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetPolicyTest {
    @TempDir
    Path dir;

    private record Read(TargetPolicy policy, List<ScenarioProblem> problems) {
    }

    private Read read(String hocon) throws IOException {
        Path file = dir.resolve("policy.conf");
        Files.writeString(file, hocon);
        Problems problems = new Problems();
        TargetPolicy p = TargetPolicy.read(Section.root(ScenarioFiles.parse(file), problems));
        return new Read(p, problems.all());
    }

    @Test
    void anEmptyFileGivesTheDefaults() throws IOException {
        Read r = read("");
        assertEquals(List.of(), r.problems());
        assertEquals(TargetPolicy.defaults(), r.policy());
        TargetPolicy d = r.policy();
        assertEquals(6, d.codeLength());
        assertEquals(Duration.ofMinutes(10), d.codeTtl());
        assertEquals(Rotation.LATEST_ONLY, d.rotation());
        assertEquals(Duration.ofSeconds(30), d.resendCooldown());
        assertEquals(5, d.maxSends());
        assertEquals(Duration.ofMinutes(10), d.maxSendsWindow());
        assertEquals(5, d.maxAttempts());
        assertEquals(Duration.ofMinutes(30), d.lockout());
        assertEquals(false, d.attemptsResetOnResend());
    }

    @Test
    void everyKeyIsRead() throws IOException {
        Read r = read("""
                code-length = 8
                code-ttl = 5m
                rotation = same-code
                resend-cooldown = 60s
                max-sends = 3
                max-sends-window = 1h
                max-attempts = 10
                lockout = 5m
                attempts-reset-on-resend = true
                """);
        assertEquals(List.of(), r.problems());
        assertEquals(new TargetPolicy(8, Duration.ofMinutes(5), Rotation.SAME_CODE, Duration.ofSeconds(60),
                3, Duration.ofHours(1), 10, Duration.ofMinutes(5), true), r.policy());
    }

    @Test
    void rotationIdsAreTheScenarioWords() throws IOException {
        assertEquals(Rotation.ANY_UNEXPIRED, read("rotation = any-unexpired").policy().rotation());
        assertEquals(Rotation.LATEST_ONLY, read("rotation = latest-only").policy().rotation());
        assertEquals(Rotation.SAME_CODE, read("rotation = same-code").policy().rotation());
    }

    @Test
    void aZeroCooldownMeansNoCooldown() throws IOException {
        Read r = read("resend-cooldown = 0s");
        assertEquals(List.of(), r.problems());
        assertEquals(Duration.ZERO, r.policy().resendCooldown());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "resend-cooldown          | -5s          | must not be negative",
        "code-ttl                 | -1m          | must not be negative",
        "code-ttl                 | 0s           | must be greater than zero",
        "lockout                  | 0s           | must be greater than zero",
        "max-sends-window         | soon         | expected a duration",
        "rotation                 | newest-only  | expected one of any-unexpired, latest-only, same-code",
        "code-length              | 3            | expected a whole number in [4, 10]",
        "code-length              | 11           | expected a whole number in [4, 10]",
        "max-attempts             | 0            | expected a whole number in [1, 1000000]",
        "max-sends                | 2.5          | expected a whole number in [1, 1000000]",
        "attempts-reset-on-resend | maybe        | expected true or false",
        "max-attemps              | 3            | unknown key",
    })
    void badValuesAreRefusedWithKeyAndLine(String key, String value, String expected) throws IOException {
        Read r = read("# a policy\ncode-length = 6\n" + key + " = " + value + "\n");
        assertEquals(1, r.problems().size(), r.problems().toString());
        ScenarioProblem p = r.problems().get(0);
        assertEquals(key, p.key());
        assertEquals(3, p.line());
        assertTrue(p.file().endsWith("policy.conf"), p.file());
        assertTrue(p.message().contains(expected), p.message());
        assertEquals(TargetPolicy.defaults(), r.policy(), "the defaults stand in for a refused value");
    }

    @Test
    void everyProblemIsReportedInOnePass() throws IOException {
        Read r = read("""
                code-length = 12
                rotation = sometimes
                lockout = -1s
                """);
        assertEquals(List.of("code-length", "rotation", "lockout"),
                r.problems().stream().map(ScenarioProblem::key).toList());
        assertEquals(List.of(1, 2, 3), r.problems().stream().map(ScenarioProblem::line).toList());
    }

    @Test
    void theConstructorRefusesNonsenseToo() {
        assertThrows(IllegalArgumentException.class, () -> TargetPolicy.defaults().withCode(3, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> TargetPolicy.defaults().withResendCooldown(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> TargetPolicy.defaults().withMaxAttempts(0, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> TargetPolicy.defaults().withMaxSends(1, Duration.ZERO));
    }
}
