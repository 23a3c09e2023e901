package dev.otpsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
    @TempDir
    static Path tmp;
    static Path run;
    static String html;

    @BeforeAll
    static void writeOnce() throws Exception {
        // One report for all assertions: charts cost ~0.4 s each and the machine is shared.
        run = tmp.resolve("20260101-120000-fixture");
        new RunFixture().write(run);
        Path index = RunReport.write(run);
        assertEquals(run.resolve("index.html"), index);
        html = Files.readString(index);
        if (System.getenv("OTPSIM_KEEP_CHARTS") != null) { // to look at the charts while styling them
            TestPages.copyTree(run, Path.of("/tmp/otpsim-report-preview"));
        }
    }

    @Test
    void everyLinkedFileExistsAndEveryImageIsAChartSizedPng() throws Exception {
        List<String> links = TestPages.links(html);
        assertFalse(links.isEmpty());
        for (String link : links) {
            assertFalse(link.contains("://"), "the page must open from disk with nothing external: " + link);
            Path f = run.resolve(link);
            assertTrue(Files.isRegularFile(f) && Files.size(f) > 0, "linked file missing or empty: " + link);
        }
        List<String> images = TestPages.images(html);
        assertEquals(7, images.size(), "charts on the page: " + images);
        for (String img : images) {
            BufferedImage png = ImageIO.read(run.resolve(img).toFile());
            assertTrue(png != null, img + " is not a PNG");
            assertEquals(ChartStyle.WIDTH, png.getWidth(), img);
            assertEquals(ChartStyle.HEIGHT, png.getHeight(), img);
        }
        assertTrue(links.contains("gatling/otpsimulation-20260101120000123/index.html"), "links Gatling's report");
    }

    @Test
    void headlineNumbersEqualSummaryJson() throws Exception {
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        Map<String, String> figures = TestPages.figures(html);
        for (String required : List.of("journeys", "outcomes.success", "staleSubmissionRate", "staleJourneyRate", "lockoutRate",
                "selfInflictedLockouts", "sendAmplification", "retryStorms.length", "timeToSignInMs.p50", "timeToSignInMs.p90",
                "timeToSignInMs.p99", "goodput", "messagesPerSuccess.all", "thresholds.0.passed", "thresholds.1.actual")) {
            assertTrue(figures.containsKey(required), "headline lacks " + required);
        }
        TestPages.assertEqualsSummary(summary, figures);
        assertEquals("false", figures.get("thresholds.1.passed"), "the fixture's lockout threshold fails");
        assertEquals("1", figures.get("retryStorms.length"));
    }

    @Test
    void listsWhatTheGatewayRefusedAndTheAnswersNoRuleMatched(@TempDir Path dir) throws Exception {
        // The fixture's gateway refused 5 posts to a wrong path: listed, escaped, and equal to summary.json.
        assertTrue(html.contains("<h2>Unmatched answers and refused messages</h2>"), "a section for them");
        assertTrue(html.contains("<code>POST /wrong/&lt;path&gt;</code>"), "the refused path, escaped");
        assertEquals("5", TestPages.figures(html).get("gatewayRefusals.0.count"));
        assertFalse(html.contains("class=\"unmatched\""), "the fixture's run wrote no unmatched-answers.json");

        RunFixture f = new RunFixture();
        f.gatling = false;
        f.write(dir);
        Files.writeString(dir.resolve("unmatched-answers.json"), "{\"verify 418\": 3, \"send no response or 5xx\": 2}");
        String page = Files.readString(RunReport.write(dir));
        assertTrue(page.contains("<code>verify 418</code></td><td class=\"num\">3</td>"), page);
        assertTrue(page.contains("<td>all</td><td class=\"num\">5</td>"), "the total");

        Files.writeString(dir.resolve("unmatched-answers.json"), "{}");
        assertTrue(Files.readString(RunReport.write(dir)).contains("None: the mapping covered every answer."));
    }

    @Test
    void aRunThatIsNoResultSaysSoAboveTheFigures(@TempDir Path dir) throws Exception {
        RunFixture f = new RunFixture();
        f.gatling = false;
        f.write(dir);
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode summary =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(dir.resolve("summary.json").toFile());
        summary.put("valid", false);
        summary.putArray("problems").addObject().put("kind", "no-result")
                .put("message", "every journey (20) ended in error: connection refused at http://127.0.0.1:9 for 20 of 20 sends");
        json.writeValue(dir.resolve("summary.json").toFile(), summary);
        String page = Files.readString(RunReport.write(dir));
        int box = page.indexOf("<div class=\"problem\"><b>Not a result</b>");
        assertTrue(box > 0, "a problem box");
        assertTrue(box < page.indexOf("<h2>Headline</h2>"), "above the figures");
        assertTrue(page.contains("<b>no-result</b>: every journey (20) ended in error: connection refused at "
                + "http://127.0.0.1:9 for 20 of 20 sends"), page);
        assertFalse(html.contains("Not a result"), "a good run has no such box");
    }

    @Test
    void showsTheScenarioAsRunEscaped() {
        assertTrue(html.contains("synthetic run for report tests &lt;with markup &amp; quotes&gt;"));
        assertFalse(html.contains("<with markup"), "text from files must be escaped");
        assertTrue(html.contains("<code>target.policy.rotation</code>"), "every knob is listed");
        assertTrue(html.contains("3.16.0"), "versions from run-info.json");
        assertFalse(html.contains("<odd>"));
    }

    @Test
    void aRunWithoutOptionalFilesStillReports(@TempDir Path dir) throws Exception {
        RunFixture f = new RunFixture();
        f.gatling = false;
        f.stormStrength = 0;
        f.windows = 30;
        f.channels = List.of("sms");
        f.write(dir);
        Files.delete(dir.resolve("scenario.conf"));
        Files.delete(dir.resolve("run-info.json"));
        String page = Files.readString(RunReport.write(dir));
        assertFalse(page.contains("Gatling's report"));
        assertTrue(page.contains("left no scenario.conf"));
        assertEquals("0", TestPages.figures(page).get("retryStorms.length"));
    }

    @Test
    void aChannelThatCarriedNothingHasAnEmptyLogAndStillReports(@TempDir Path dir) throws Exception {
        RunFixture f = new RunFixture();
        f.windows = 12;
        f.write(dir);
        // What HistogramLogWriter leaves for a channel with no deliveries: header lines only.
        try (var w = new java.io.PrintStream(Files.newOutputStream(dir.resolve("hdr/delivery-voice.hlog")))) {
            org.HdrHistogram.HistogramLogWriter writer = new org.HdrHistogram.HistogramLogWriter(w);
            writer.outputLogFormatVersion();
            writer.outputStartTime(0);
            writer.outputLegend();
        }
        RunDirectory run = RunDirectory.read(dir);
        assertEquals(0, run.delivery().get("voice").getTotalCount());
        assertTrue(Files.size(RunReport.write(dir)) > 0);
    }

    @Test
    void aMissingOrCorruptFileIsNamed(@TempDir Path dir) throws Exception {
        RunFixture f = new RunFixture();
        f.windows = 12;
        f.write(dir);
        Files.writeString(dir.resolve("hdr/delivery-email.hlog"), "#[StartTime: 1]\n0.000,10.000,5.0,HISTFAAAAnotbase64!!\n");
        ReportInputException e = assertThrowsInput(() -> RunReport.write(dir));
        assertTrue(e.getMessage().contains("delivery-email.hlog"), e.getMessage());
        Files.writeString(dir.resolve("hdr/delivery-email.hlog"), "sms,4000\nsms,5200\n");
        e = assertThrowsInput(() -> RunReport.write(dir));
        assertTrue(e.getMessage().contains("delivery-email.hlog: no interval histograms found"), e.getMessage());
        Files.delete(dir.resolve("summary.json"));
        e = assertThrowsInput(() -> RunReport.write(dir));
        assertTrue(e.getMessage().contains("summary.json") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void theRetryRatioChartDrawsTheScenariosOwnStormThreshold(@TempDir Path dir) throws Exception {
        RunFixture f = new RunFixture();
        f.gatling = false;
        f.windows = 12;
        f.stormThreshold = 0.25; // not the default 0.10: a key the loader ignored would still draw 0.10
        f.write(dir);
        String text = Files.readString(dir.resolve("scenario.conf"));
        // The scenario as run is one the loader accepts, with the threshold where the run reads it.
        var scenario = dev.otpsim.scenario.ScenarioLoader.fromConfig(
                com.typesafe.config.ConfigFactory.parseString(text).resolve(), dir.resolve("scenario.conf"));
        assertEquals(0.25, scenario.metrics().stormThreshold());

        RunDirectory run = RunDirectory.read(dir);
        double threshold = RunReport.retryThreshold(run.scenarioText().flatMap(RunReport::parseScenario));
        assertEquals(0.25, threshold);
        var plot = (org.jfree.chart.plot.XYPlot) RetryRatioChart.create(run, threshold).getPlot();
        var line = (org.jfree.chart.plot.ValueMarker) plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND)
                .iterator().next();
        assertEquals(0.25, line.getValue());
        assertTrue(line.getLabel().contains("25"), line.getLabel());
    }

    static ReportInputException assertThrowsInput(org.junit.jupiter.api.function.Executable x) {
        return org.junit.jupiter.api.Assertions.assertThrows(ReportInputException.class, x);
    }
}
