package dev.otpsim.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otpsim.cli.Main;
import dev.otpsim.metrics.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code otpsim compare} with the real engine on a 2×2 sweep: one row per variant, and a
 * variant's figures match that variant run alone with the same seed. Counts fixed by the load
 * profile (journeys) are equal; figures that depend on races between real threads (which of two
 * codes the carrier delivers first when their delays are a millisecond apart) agree within
 * statistical noise.
 */
@Tag("slow")
class CompareEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyVariantRunsAndMatchesItsOwnStandaloneRun(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("base.conf"), """
                name = tiny
                seed = 3
                time-scale = 120
                target.policy { rotation = latest-only, resend-cooldown = 0s, max-attempts = 10 }
                carriers.sms { delay { type = exponential, mean = 20s } }
                people.profile { resend-wait = 20s, patience = 20s, reaction = 1s, typo-rate = 0, code-choice = first }
                load { rate = 1, duration = 4m }
                """);
        Path sweep = dir.resolve("sweep.conf");
        Files.writeString(sweep, """
                base = "base.conf"
                vary {
                  "people.profile.resend-wait" = [10s, 40s]
                  "target.policy.rotation" = [latest-only, any-unexpired]
                }
                """);
        assertEquals(Main.OK, Main.execute("compare", sweep.toString(), "--out", dir.resolve("out").toString()));
        Path compareDir;
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            compareDir = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        JsonNode compare = JSON.readTree(compareDir.resolve("compare.json").toFile());
        assertEquals(4, compare.get("variants").size(), compare.toPrettyString());
        assertTrue(Files.size(compareDir.resolve("compare.html")) > 0);

        // The first variant (resend-wait 10s, latest-only), run alone from the base with the knob applied.
        Path variantDir;
        try (Stream<Path> s = Files.list(compareDir)) {
            variantDir = s.filter(p -> p.getFileName().toString().startsWith("01-")).findFirst().orElseThrow();
        }
        RunSummary inSweep = JSON.readValue(variantDir.resolve("summary.json").toFile(), RunSummary.class);
        String alone = Files.readString(dir.resolve("base.conf")).replace("resend-wait = 20s", "resend-wait = 10s");
        RunSummary standalone = RunFixture.run(dir.resolve("alone"), alone.replace("name = tiny", "name = alone"))
                .summary();
        assertEquals(standalone.journeys(), inSweep.journeys());
        assertEquals(standalone.seed(), inSweep.seed());
        for (double[] pair : List.of(
                new double[] {standalone.staleSubmissionRate(), inSweep.staleSubmissionRate()},
                new double[] {standalone.sendAmplification() - 1, inSweep.sendAmplification() - 1})) {
            double p = (pair[0] + pair[1]) / 2;
            double tolerance = 4 * Math.sqrt(Math.max(p * (1 - p), 0.01) * 2 / standalone.journeys());
            assertEquals(pair[0], pair[1], tolerance, "standalone vs in the sweep");
        }
    }
}
