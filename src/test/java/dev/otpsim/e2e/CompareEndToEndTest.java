package dev.otpsim.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
 * {@code otpsim compare} with the real engines on a 2×2 sweep. In virtual time (the default) two
 * comparisons give byte-identical compare.json — intervals and paired differences included — and a
 * variant's figures equal that variant run alone with the same seeds. With {@code --engine gatling}
 * one replication per variant runs in scaled real time and the page flags any invalid variant.
 */
@Tag("slow")
class CompareEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path sweep(Path dir) throws Exception {
        Files.writeString(dir.resolve("base.conf"), """
                name = tiny
                seed = 3
                time-scale = 10
                target.policy { rotation = latest-only, resend-cooldown = 0s, max-attempts = 10 }
                carriers.sms { delay { type = exponential, mean = 20s } }
                people.profile { resend-wait = 20s, patience = 20s, reaction = 1s, typo-rate = 0, code-choice = first }
                load { rate = 1, duration = 2m }
                """);
        Path sweep = dir.resolve("sweep.conf");
        Files.writeString(sweep, """
                base = "base.conf"
                vary {
                  "people.profile.resend-wait" = [10s, 40s]
                  "target.policy.rotation" = [latest-only, any-unexpired]
                }
                costs { currency = EUR, sms = 0.05 }
                """);
        return sweep;
    }

    private static Path compareDir(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @Test
    void inVirtualTimeTwoComparisonsAreByteIdenticalAndAVariantEqualsItsStandaloneRun(@TempDir Path dir)
            throws Exception {
        Path sweep = sweep(dir);
        assertEquals(Main.OK, Main.execute("compare", sweep.toString(), "--out", dir.resolve("a").toString(),
                "--replications", "5"));
        assertEquals(Main.OK, Main.execute("compare", sweep.toString(), "--out", dir.resolve("b").toString(),
                "--replications", "5"));
        Path a = compareDir(dir.resolve("a"));
        Path b = compareDir(dir.resolve("b"));
        assertArrayEquals(Files.readAllBytes(a.resolve("compare.json")), Files.readAllBytes(b.resolve("compare.json")));
        JsonNode compare = JSON.readTree(a.resolve("compare.json").toFile());
        assertEquals("virtual", compare.get("engine").asText());
        assertEquals(5, compare.get("replications").asInt());
        assertEquals(4, compare.get("variants").size(), compare.toPrettyString());
        JsonNode second = compare.get("variants").get(1);
        assertTrue(second.get("vsBaseline").has("staleSubmissionRate"), "paired difference to the baseline");
        assertTrue(second.get("decision").has("costPer1000"), "the sweep's costs make a cost column");
        assertTrue(Files.readString(a.resolve("compare.html")).contains("<h2>Decision</h2>"));

        // The first variant run alone: the base with its knob values, the same seeds.
        Path variantDir;
        try (Stream<Path> s = Files.list(a)) {
            variantDir = s.filter(p -> p.getFileName().toString().startsWith("01-")).findFirst().orElseThrow();
        }
        RunSummary inSweep = JSON.readValue(variantDir.resolve("summary.json").toFile(), RunSummary.class);
        Path alone = dir.resolve("alone.conf");
        Files.writeString(alone, Files.readString(dir.resolve("base.conf")).replace("resend-wait = 20s", "resend-wait = 10s"));
        assertEquals(Main.OK, Main.execute("run", alone.toString(), "--engine", "virtual", "--replications", "5",
                "--quiet", "--out", dir.resolve("alone").toString()));
        RunSummary standalone = JSON.readValue(compareDir(dir.resolve("alone")).resolve("summary.json").toFile(),
                RunSummary.class);
        assertEquals(standalone.estimates(), inSweep.estimates(), "the same figures to the last digit");
        assertEquals(standalone.seeds(), inSweep.seeds());
    }

    @Test
    void withTheGatlingEngineEachVariantRunsOnceInScaledRealTime(@TempDir Path dir) throws Exception {
        Path sweep = sweep(dir);
        // At time-scale 60 each variant's 2 simulated minutes take 2 real seconds (at the base's 10, twelve):
        // what is checked is the comparison's handling of the engine, valid variants or not.
        int exit = Main.execute("compare", sweep.toString(), "--engine", "gatling", "--time-scale", "60",
                "--out", dir.resolve("g").toString());
        Path g = compareDir(dir.resolve("g"));
        JsonNode compare = JSON.readTree(g.resolve("compare.json").toFile());
        assertEquals("gatling", compare.get("engine").asText());
        assertEquals(1, compare.get("replications").asInt());
        boolean allValid = true;
        for (JsonNode v : compare.get("variants")) {
            allValid &= v.get("valid").asBoolean();
        }
        // A busy machine may make a variant invalid: then the exit code and the page say so.
        assertEquals(allValid ? Main.OK : Main.INVALID, exit);
        assertEquals(!allValid, Files.readString(g.resolve("compare.html")).contains("is not a result"));
    }
}
