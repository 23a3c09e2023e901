package dev.otpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueFactory;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.report.ChartStyle;
import dev.otpsim.report.RunDirectory;
import dev.otpsim.report.TestPages;
import dev.otpsim.report.compare.FakeVariantRunner;
import dev.otpsim.report.compare.HeadlineFigure;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import dev.otpsim.report.compare.CompareOptions;
import dev.otpsim.report.compare.VariantRunner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
    static final String BASE = """
            name = tiny
            seed = 42
            time-scale = 60
            people.profile { resend-wait = 30s, patience = 45s }
            target.policy { rotation = latest-only, lockout = 30m }
            """;

    final List<FakeVariantRunner> runners = new ArrayList<>();
    private final Function<CompareOptions, VariantRunner> engine = CompareCommand.runnerFactory;

    @AfterEach
    void rewire() {
        CompareCommand.runnerFactory = engine;
    }

    private Path tinySweep(Path dir) throws Exception {
        Files.writeString(dir.resolve("tiny.conf"), BASE);
        Path sweep = dir.resolve("compare-tiny.conf");
        Files.writeString(sweep, """
                base = "tiny.conf"
                vary {
                  "people.profile.resend-wait" = [15s, 60s]
                  "target.policy.rotation" = [latest-only, same-code]
                }
                """);
        CompareCommand.runnerFactory = options -> {
            FakeVariantRunner r = new FakeVariantRunner();
            runners.add(r);
            return r;
        };
        return sweep;
    }

    @Test
    void oneRowPerVariantAndEachEqualsThatVariantRunAlone(@TempDir Path dir) throws Exception {
        Path sweep = tinySweep(dir);
        Path out = dir.resolve("reports");
        assertEquals(Main.OK, Main.execute("compare", sweep.toString(), "--out", out.toString(), "--seed", "7", "--time-scale", "600"));
        assertTrue(runners.get(0).isClosed(), "the runner is closed after the sweep");
        Path compareDir;
        try (Stream<Path> s = Files.list(out)) {
            compareDir = s.findFirst().orElseThrow();
        }
        assertTrue(compareDir.getFileName().toString().endsWith("-compare-tiny"), compareDir.toString());

        JsonNode json = new ObjectMapper().readTree(compareDir.resolve("compare.json").toFile());
        assertEquals(4, json.get("variants").size());
        String html = Files.readString(compareDir.resolve("compare.html"));
        assertEquals(4, count(html, "<tr data-variant="));

        for (JsonNode v : json.get("variants")) {
            String id = v.get("id").asText();
            RunSummary inCompare = RunDirectory.readSummary(compareDir.resolve(v.get("runDir").asText()).resolve("summary.json"));
            // The same variant run on its own: base file + the knob values + the same seed and time-scale.
            Config alone = ConfigFactory.parseFile(dir.resolve("tiny.conf").toFile())
                    .withValue("people.profile.resend-wait", ConfigValueFactory.fromAnyRef(v.get("knobs").get("people.profile.resend-wait").asText()))
                    .withValue("target.policy.rotation", ConfigValueFactory.fromAnyRef(v.get("knobs").get("target.policy.rotation").asText()))
                    .withValue("seed", ConfigValueFactory.fromAnyRef(7))
                    .withValue("time-scale", ConfigValueFactory.fromAnyRef(600))
                    .resolve(ConfigResolveOptions.noSystem());
            Path aloneDir = dir.resolve("alone").resolve(id);
            FakeVariantRunner.runAlone(alone, aloneDir);
            RunSummary single = RunDirectory.readSummary(aloneDir.resolve("summary.json"));
            assertEquals(7, inCompare.seed());
            for (HeadlineFigure f : HeadlineFigure.values()) {
                assertEquals(f.of(single), f.of(inCompare), 0.0, id + " " + f.key());
                assertEquals(f.of(inCompare), v.get("figures").get(f.key()).asDouble(), 0.0, id + " json " + f.key());
                assertEquals(Double.toString(f.of(inCompare)), cell(html, id, f.key()), id + " page " + f.key());
            }
        }
        // The 60s wait with a re-sent (same) code has the fewest stale codes: it, and only it, is marked best.
        assertTrue(bestCell(html, "04-resend-wait-60s-rotation-same-code", "staleSubmissionRate"));
        assertFalse(bestCell(html, "01-resend-wait-15s-rotation-latest-only", "staleSubmissionRate"));
        assertTrue(bestCell(html, "02-resend-wait-15s-rotation-same-code", "timeToSignInP90")
                || bestCell(html, "01-resend-wait-15s-rotation-latest-only", "timeToSignInP90"), "a short wait signs in fastest");

        for (String link : TestPages.links(html)) {
            Path f = compareDir.resolve(link);
            assertTrue(Files.isRegularFile(f) && Files.size(f) > 0, "linked file missing: " + link);
        }
        List<String> images = TestPages.images(html);
        assertEquals(HeadlineFigure.values().length, images.size(), "one chart per headline figure");
        for (String img : images) {
            BufferedImage png = ImageIO.read(compareDir.resolve(img).toFile());
            assertEquals(ChartStyle.WIDTH, png.getWidth());
            assertEquals(ChartStyle.HEIGHT, png.getHeight());
        }
        if (System.getenv("OTPSIM_KEEP_CHARTS") != null) { // to look at the charts while styling them
            TestPages.copyTree(compareDir, Path.of("/tmp/otpsim-compare-preview"));
        }
    }

    @Test
    void anInvalidVariantStopsTheSweepBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Path sweep = tinySweep(dir);
        Files.writeString(sweep, Files.readString(sweep).replace("same-code]", "same-cod]"));
        String err = ReportCommandTest.stderrOf(() ->
                assertEquals(Main.BAD_INPUT, Main.execute("compare", sweep.toString(), "--out", dir.resolve("r").toString())));
        assertTrue(err.contains("compare-tiny.conf:4") && err.contains("same-cod"), err);
        assertTrue(runners.get(0).ranNothing(), "no variant may run when one is invalid");
        assertTrue(runners.get(0).isClosed());
        assertFalse(Files.exists(dir.resolve("r")), "nothing written for a sweep that cannot run");
    }

    @Test
    void anUnknownEngineInTheBaseFileIsRefusedWithItsLine(@TempDir Path dir) throws Exception {
        Path sweep = tinySweep(dir);
        Files.writeString(dir.resolve("tiny.conf"), BASE + "engine = gatlin\n");
        String err = ReportCommandTest.stderrOf(() ->
                assertEquals(Main.BAD_INPUT, Main.execute("compare", sweep.toString(), "--out", dir.resolve("r").toString())));
        assertTrue(err.contains("tiny.conf:6:") && err.contains("engine") && err.contains("gatlin"), err);
        assertTrue(runners.isEmpty() || runners.get(0).ranNothing(), "no variant runs on an engine nobody asked for");
        assertFalse(Files.exists(dir.resolve("r")));
    }

    @Test
    void withoutARunEngineItSaysSoAndRunsNothing(@TempDir Path dir) throws Exception {
        Path sweep = tinySweep(dir);
        CompareCommand.runnerFactory = null;
        String err = ReportCommandTest.stderrOf(() ->
                assertEquals(Main.BAD_INPUT, Main.execute("compare", sweep.toString(), "--out", dir.resolve("r").toString())));
        assertTrue(err.contains("no run engine"), err);
        assertFalse(Files.exists(dir.resolve("r")));
    }

    private static int count(String s, String what) {
        return s.split(Pattern.quote(what), -1).length - 1;
    }

    private static Matcher row(String html, String variant) {
        Matcher m = Pattern.compile("<tr data-variant=\"" + Pattern.quote(variant) + "\">(.*?)</tr>").matcher(html);
        assertTrue(m.find(), "no row for " + variant);
        return m;
    }

    private static String cell(String html, String variant, String key) {
        Matcher c = Pattern.compile("data-key=\"" + key + "\" data-value=\"([^\"]*)\"").matcher(row(html, variant).group(1));
        assertTrue(c.find(), variant + " has no " + key);
        return c.group(1);
    }

    private static boolean bestCell(String html, String variant, String key) {
        return Pattern.compile("class=\"num best\" data-key=\"" + key + "\"").matcher(row(html, variant).group(1)).find();
    }
}
