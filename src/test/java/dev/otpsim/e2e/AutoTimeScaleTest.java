package dev.otpsim.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otpsim.run.RunResult;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code time-scale = auto}: measured before the run, run at, and recorded in summary.json and run-info.json. */
@Tag("slow")
class AutoTimeScaleTest {

    @Test
    void theMeasuredScaleIsRunAtAndRecorded(@TempDir Path dir) throws Exception {
        RunResult r = RunFixture.run(dir, """
                name = auto
                seed = 1
                time-scale = auto
                carriers.sms { delay = 2s }
                people.profile { resend-wait = 10s, patience = 10s, reaction = 1s, typo-rate = 0, give-up-after = 20s }
                load { rate = 1, duration = 10s }
                """);
        double scale = r.summary().timeScale();
        // Which one depends on the machine; that it is one of them, and recorded, does not.
        assertTrue(Set.of(1.0, 10.0, 30.0, 60.0, 120.0, 200.0, 300.0, 600.0, 1000.0).contains(scale), "" + scale);
        JsonNode info = new ObjectMapper().readTree(r.runDir().resolve("run-info.json").toFile());
        assertEquals(scale, info.get("timeScale").asDouble());
        JsonNode auto = info.get("timeScaleAuto");
        assertEquals(scale, auto.get("chosen").asDouble());
        assertFalse(auto.get("steps").isEmpty(), auto.toString());
        assertTrue(auto.get("steps").get(0).get("answers").asLong() > 0, auto.toString());
        // On a busy machine the measured scale may be 1, and the run then takes its simulated time in
        // real time: ten seconds of load and journeys over within 20 s, not a minute of load and
        // people waiting up to 2 minutes (the test took 72 and 106 s under load that way).
        assertEquals(10, r.summary().journeys());
    }
}
