package dev.otpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.config.ScenarioException;
import dev.otpsim.config.ScenarioProblem;
import dev.otpsim.person.Fallback;
import dev.otpsim.person.PersonProfile;
import dev.otpsim.person.SignInMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every new key of authenticator apps, fallback orders and account recovery, refused with its key and line. */
class AuthenticatorValidationTest {
    @TempDir
    Path dir;

    static final String VALID = String.join("\n",
            "name = t",                                                        // 1
            "seed = 7",                                                        // 2
            "time-scale = 60",                                                 // 3
            "target.policy.totp {",                                            // 4
            "  step = 30s, digits = 6, window = 1",                            // 5
            "  algorithm = sha1, replay = refuse",                             // 6
            "}",                                                               // 7
            "people.profile {",                                                // 8
            "  resend-wait = 30s",                                             // 9
            "  authenticator {",                                               // 10
            "    share = 0.3",                                                 // 11
            "    clock-skew { type = normal, mean = 0s, stddev = 20s }",       // 12
            "    lost-device = 0.02",                                          // 13
            "  }",                                                             // 14
            "  fallback {",                                                    // 15
            "    after-resends = 2",                                           // 16
            "    order = [voice, email, authenticator, recovery]",             // 17
            "    on-lockout = next",                                           // 18
            "  }",                                                             // 19
            "}",                                                               // 20
            "recovery { delay = 2d, cost = 15, currency = USD }",              // 21
            "load { rate = 2, duration = 5m }",                                // 22
            "");

    static Stream<Arguments> broken() {
        String totp = "target.policy.totp.";
        String auth = "people.profile.authenticator.";
        String fb = "people.profile.fallback.";
        return Stream.of(
                Arguments.of(5, "  step = 500ms", totp + "step", "between 1s and 1h"),
                Arguments.of(5, "  step = 0s", totp + "step", "greater than zero"),
                Arguments.of(5, "  step = 30s, digits = 9", totp + "digits", "[6, 8]"),
                Arguments.of(5, "  step = 30s, window = 11", totp + "window", "[0, 10]"),
                Arguments.of(6, "  algorithm = md5", totp + "algorithm", "sha1, sha256, sha512"),
                Arguments.of(6, "  replay = sometimes", totp + "replay", "allow, refuse"),
                Arguments.of(6, "  drift = 1", totp + "drift", "unknown key"),
                Arguments.of(11, "    share = 1.3", auth + "share", "[0, 1]"),
                Arguments.of(11, "    portion = 0.3", auth + "portion", "unknown key"),
                Arguments.of(12, "    clock-skew { type = gaussian, stddev = 20s }", auth + "clock-skew.type", "normal"),
                Arguments.of(12, "    clock-skew { type = normal, mean = 0s, stddev = -20s }", auth + "clock-skew.stddev",
                        "negative"),
                Arguments.of(12, "    clock-skew { type = normal, mean = 0s }", auth + "clock-skew.stddev", "missing"),
                Arguments.of(12, "    clock-skew { type = uniform, min = 30s, max = -30s }", auth + "clock-skew.max",
                        "at least min"),
                Arguments.of(12, "    clock-skew = 2d", auth + "clock-skew", "more than a day"),
                Arguments.of(12, "    clock-skew = soon", auth + "clock-skew", "-20s"),
                Arguments.of(13, "    lost-device = -0.1", auth + "lost-device", "[0, 1]"),
                Arguments.of(16, "    after-resends = -1", fb + "after-resends", "[0, 1000]"),
                Arguments.of(16, "    to = voice", fb + "to", "unknown key"),
                Arguments.of(17, "    order = [voice, fax]", fb + "order", "\"fax\"; expected one of sms, email, voice"),
                Arguments.of(17, "    order = [voice, voice]", fb + "order", "listed twice"),
                Arguments.of(17, "    order = [recovery, voice]", fb + "order", "comes after recovery"),
                Arguments.of(17, "    order = []", fb + "order", "is empty"),
                Arguments.of(17, "    order = voice", fb + "order", "list of strings"),
                Arguments.of(17, "", fb + "order", "missing"),
                Arguments.of(18, "    on-lockout = wait", fb + "on-lockout", "next, stay"),
                Arguments.of(9, "  resend-wait = 30s, channel-fallback { after-resends = 2, to = voice }",
                        "people.profile.channel-fallback", "not both"),
                Arguments.of(21, "recovery { delay = 0s, cost = 15 }", "recovery.delay", "greater than zero"),
                Arguments.of(21, "recovery { delay = 2d, cost = -1 }", "recovery.cost", "[0, "),
                Arguments.of(21, "recovery { delay = 2d, cost = 15, currency = \"US dollars\" }", "recovery.currency",
                        "currency code"),
                Arguments.of(21, "recovery { days = 2 }", "recovery.days", "unknown key"));
    }

    @ParameterizedTest(name = "line {0}: {1}")
    @MethodSource("broken")
    void refusedWithKeyAndLine(int line, String replacement, String key, String expected) throws IOException {
        assertRefused(VALID, line, replacement, key, expected);
    }

    private void assertRefused(String valid, int line, String replacement, String key, String expected)
            throws IOException {
        String[] lines = valid.split("\n", -1);
        lines[line - 1] = replacement;
        Path file = dir.resolve("broken.conf");
        Files.writeString(file, String.join("\n", lines));
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file));
        ScenarioProblem p = e.problems().stream().filter(x -> x.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem for " + key + " in:\n" + e.getMessage()));
        assertTrue(p.message().contains(expected), p.toString());
        // A missing key is reported at its section's line.
        assertTrue(p.line() == line || (expected.equals("missing") && p.line() > 0), p.toString());
        assertTrue(p.toString().startsWith(file.toString() + ":" + p.line() + ": " + key + ": "), p.toString());
    }

    @Test
    void theValidOneLoadsWithEveryKnob() throws IOException {
        Path file = dir.resolve("ok.conf");
        Files.writeString(file, VALID);
        Scenario s = ScenarioLoader.load(file);
        PersonProfile p = s.people().mix().get(0).profile();
        assertEquals(0.3, p.authenticator().share());
        assertEquals(0.02, p.authenticator().lostDevice());
        assertEquals("normal", p.authenticator().clockSkew().kind());
        assertEquals(new Fallback(2, List.of(SignInMethod.VOICE, SignInMethod.EMAIL, SignInMethod.AUTHENTICATOR,
                SignInMethod.RECOVERY), true), p.fallback());
        assertEquals(172_800_000L, s.recovery().delayMillis());
        assertEquals(15.0, s.recovery().costPerCase());
        assertEquals(1, s.policy().totp().window());
        assertTrue(s.people().channels().containsAll(List.of(dev.otpsim.handset.Channel.VOICE,
                dev.otpsim.handset.Channel.EMAIL)), "carriers are built for the channels of the order");
    }

    @Test
    void theOlderChannelFallbackStillLoads() throws IOException {
        Path file = dir.resolve("legacy.conf");
        Files.writeString(file, "people.profile.channel-fallback { after-resends = 2, to = voice }\n"
                + "load { rate = 1, duration = 1m }\n");
        PersonProfile p = ScenarioLoader.load(file).people().mix().get(0).profile();
        assertEquals(new Fallback(2, List.of(SignInMethod.VOICE), false), p.fallback());
    }

    /** An external target: the secret template and the checks that only make sense with one. */
    static final String EXTERNAL = String.join("\n",
            "name = ext",                                                                        // 1
            "time-scale = 1",                                                                    // 2
            "target.external {",                                                                 // 3
            "  base-url = \"http://127.0.0.1:9000\", identity { user = \"u{n}\" }",                // 4
            "  send { path = \"/send\", json { user = \"{user}\" } }",                           // 5
            "  verify { path = \"/verify\", json { user = \"{user}\", code = \"{code}\" } }",    // 6
            "  outcomes { verify = [ { status = 200, outcome = accepted } ] }",                  // 7
            "  totp {",                                                                          // 8
            "    secret = \"text:otpsim-{user}\"",                                               // 9
            "    step = 30s, window = 1",                                                        // 10
            "  }",                                                                               // 11
            "}",                                                                                 // 12
            "gateway { port = 18025 }",                                                          // 13
            "people.profile.authenticator { share = 0.5 }",                                      // 14
            "load { rate = 1, duration = 10s }",                                                 // 15
            "");

    static Stream<Arguments> brokenExternal() {
        String k = "target.external.totp.";
        return Stream.of(
                Arguments.of(9, "    seed = \"x\"", k + "secret", "missing"),
                Arguments.of(9, "    secret = \"otpsim-{user}\"", k + "secret", "text:..., hex:... or base32:"),
                Arguments.of(9, "    secret = \"base32:JBSWY3DP{n}\"", k + "secret", "cannot hold a placeholder"),
                Arguments.of(9, "    secret = \"hex:00{user}\"", k + "secret", "hex: takes {n} only"),
                Arguments.of(9, "    secret = \"hex:0g{n}0\"", k + "secret", "0-9 and a-f"),
                Arguments.of(9, "    secret = \"text:{name}\"", k + "secret", "unknown placeholder {name}"),
                Arguments.of(10, "    step = 30s, window = -1", k + "window", "[0, 10]"),
                Arguments.of(2, "time-scale = 2\ntarget.external.time-scaled = true", "time-scale",
                        "authenticator codes are made from your service's wall clock"));
    }

    @ParameterizedTest(name = "line {0}: {1}")
    @MethodSource("brokenExternal")
    void externalTotpRefusedWithKeyAndLine(int line, String replacement, String key, String expected) throws IOException {
        assertRefused(EXTERNAL, line, replacement, key, expected);
    }

    @Test
    void peopleWithAppsNeedTheExternalTargetsTotp() throws IOException {
        String[] lines = EXTERNAL.split("\n", -1);
        for (int i = 7; i <= 10; i++) {
            lines[i] = "";
        }
        Path file = dir.resolve("nototp.conf");
        Files.writeString(file, String.join("\n", lines));
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file));
        assertTrue(e.problems().stream().anyMatch(p -> p.key().equals("people")
                && p.message().contains("no totp section")), e.getMessage());
        Files.writeString(file, String.join("\n", lines).replace("share = 0.5", "share = 0"));
        ScenarioLoader.load(file); // nobody has an app: nothing to compute
    }

    @Test
    void theExternalOneLoadsAndRendersEachPersonsSecret() throws IOException {
        Path file = dir.resolve("ext.conf");
        Files.writeString(file, EXTERNAL);
        Scenario s = ScenarioLoader.load(file);
        assertEquals("otpsim-u7", new String(s.external().totp().secretOf(s.external().identity(7)),
                java.nio.charset.StandardCharsets.UTF_8));
    }
}
