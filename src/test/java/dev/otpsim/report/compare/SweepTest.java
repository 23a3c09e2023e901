package dev.otpsim.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.config.ScenarioException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {
    static final String BASE = """
            name = impatient
            seed = 42
            time-scale = 60
            person-profiles { impatient { resend-wait = 30s, patience = 45s } }
            people { profile = ${person-profiles.impatient} }
            target.policy { rotation = latest-only, lockout = 30m, resend-cooldown = ${people.profile.resend-wait} }
            """;

    static Path writeSweep(Path dir, String sweep) throws Exception {
        Files.writeString(dir.resolve("base.conf"), BASE);
        Path f = dir.resolve("sweep.conf");
        Files.writeString(f, sweep);
        return f;
    }

    @Test
    void everyCombinationInFileOrderWithSubstitutionsReResolved(@TempDir Path dir) throws Exception {
        Sweep s = Sweep.parse(writeSweep(dir, """
                base = "base.conf"
                vary {
                  "people.profile.resend-wait" = [15s, 30s, 60s, 120s]
                  "target.policy.rotation" = [latest-only, same-code]
                }
                """));
        assertEquals(List.of("people.profile.resend-wait", "target.policy.rotation"),
                s.knobs().stream().map(Knob::path).toList());
        List<Variant> v = s.variants();
        assertEquals(8, v.size());
        assertEquals("01-resend-wait-15s-rotation-latest-only", v.get(0).id());
        assertEquals("02-resend-wait-15s-rotation-same-code", v.get(1).id());
        assertEquals("08-resend-wait-120s-rotation-same-code", v.get(7).id());
        assertEquals(8, v.stream().map(Variant::id).distinct().count());
        Variant third = v.get(2);
        assertEquals(Duration.ofSeconds(30), third.config().getDuration("people.profile.resend-wait"));
        // A value the base derives from a varied knob follows it, as if written at the end of the base.
        assertEquals(Duration.ofSeconds(30), third.config().getDuration("target.policy.resend-cooldown"));
        assertEquals(Duration.ofSeconds(45), third.config().getDuration("people.profile.patience"), "the rest of the profile stays");
        assertEquals("latest-only", third.config().getString("target.policy.rotation"));
        assertTrue(v.stream().allMatch(x -> x.config().getLong("seed") == 42), "same seed everywhere");
    }

    @Test
    void overridesApplyToEveryVariant(@TempDir Path dir) throws Exception {
        Sweep s = Sweep.parse(writeSweep(dir, "base = base.conf\nvary { target.policy.rotation = [latest-only, same-code] }\n"))
                .withOverride("seed", 7L).withOverride("time-scale", 600.0);
        assertEquals(2, s.variants().size());
        for (Variant v : s.variants()) {
            assertEquals(7, v.config().getLong("seed"));
            assertEquals(600.0, v.config().getDouble("time-scale"));
        }
    }

    @Test
    void problemsNameFileLineAndKey(@TempDir Path dir) throws Exception {
        Path f = writeSweep(dir, """
                base = "base.conf"
                vary {
                  "people.profile.resend-wiat" = [15s, 30s]
                  "target.policy.rotation" = []
                  "target.policy.lockout" = [5m, 5m]
                }
                colour = blue
                """);
        ScenarioException e = assertThrows(ScenarioException.class, () -> Sweep.parse(f));
        String all = e.problems().stream().map(Object::toString).collect(Collectors.joining("\n"));
        assertTrue(all.contains("colour: unknown key"), all);
        // Unknown keys are found in the first pass; fix them and the knobs are checked.
        Files.writeString(f, Files.readString(f).replace("colour = blue\n", ""));
        e = assertThrows(ScenarioException.class, () -> Sweep.parse(f));
        all = e.problems().stream().map(Object::toString).collect(Collectors.joining("\n"));
        assertEquals(3, e.problems().size(), all);
        assertTrue(all.contains("sweep.conf:3: vary.\"people.profile.resend-wiat\": not a key of the base scenario base.conf"), all);
        assertTrue(all.contains("sweep.conf:4:") && all.contains("non-empty list"), all);
        assertTrue(all.contains("sweep.conf:5:") && all.contains("5m is listed twice"), all);
    }

    @Test
    void theShippedExampleVariesResendWaitAndRotation(@TempDir Path dir) throws Exception {
        // Its base belongs to the run side; a stand-in with the same two knobs checks the sweep itself.
        Files.copy(Path.of("scenarios/compare-resend-wait.conf"), dir.resolve("compare-resend-wait.conf"));
        Files.writeString(dir.resolve("impatient-resend.conf"), BASE);
        Sweep s = Sweep.parse(dir.resolve("compare-resend-wait.conf"));
        assertEquals("compare-resend-wait", s.name());
        assertEquals(List.of("resend-wait", "rotation"), s.knobs().stream().map(Knob::label).toList());
        assertEquals(8, s.variants().size());
        assertEquals("08-resend-wait-120s-rotation-same-code", s.variants().get(7).id());
    }

    @Test
    void aMissingBaseOrVaryIsReported(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.conf");
        Files.writeString(f, "base = nowhere.conf\nvary { a = [1] }\n");
        ScenarioException e = assertThrows(ScenarioException.class, () -> Sweep.parse(f));
        assertTrue(e.getMessage().contains("s.conf:1: base: no such scenario file nowhere.conf"), e.getMessage());
        Files.writeString(f, "name = x\n");
        e = assertThrows(ScenarioException.class, () -> Sweep.parse(f));
        assertTrue(e.getMessage().contains("base: missing") && e.getMessage().contains("vary: missing"), e.getMessage());
    }
}
