package dev.otpsim.report;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.jfree.chart.JFreeChart;

/**
 * Writes a run's report, {@code index.html} and {@code charts/*.png}, into its run directory from
 * the raw files the run left there (summary, time series, HdrHistogram logs, scenario). It never
 * needs the run itself, so a report can be rebuilt or restyled at any time
 * ({@code otpsim report <run-dir>}).
 */
public final class RunReport {
    private RunReport() {
    }

    /** The page's file name inside the run directory. */
    public static final String INDEX = "index.html";
    /** Where the storm threshold is set in a scenario; SPEC.md's default applies when absent. */
    public static final String RETRY_THRESHOLD_KEY = "metrics.storm.threshold";
    /** The run's own default (the Google SRE retry budget), for scenarios that do not set it. */
    private static final double DEFAULT_RETRY_THRESHOLD = dev.otpsim.metrics.MetricsSpec.defaults().stormThreshold();

    /** One chart of the page: its file relative to the run directory, the question, how to read it. */
    record Chart(Path file, String question, String howToRead) {
    }

    /**
     * Reads {@code runDir} and writes {@code runDir/index.html} and its charts.
     *
     * @return the written {@code index.html}
     * @throws ReportInputException naming the file when a required file is missing or unreadable
     */
    public static Path write(Path runDir) {
        RunDirectory run = RunDirectory.read(runDir);
        Optional<Config> scenario = run.scenarioText().flatMap(RunReport::parseScenario);
        Path chartDir = runDir.resolve("charts");
        try {
            Files.createDirectories(chartDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + chartDir, e);
        }
        List<Chart> charts = drawCharts(run, retryThreshold(scenario));
        String html = new RunReportPage(run, scenario, charts).render();
        return writeAtomically(runDir.resolve(INDEX), html);
    }

    private static List<Chart> drawCharts(RunDirectory run, double threshold) {
        List<Chart> charts = new ArrayList<>();
        List<String> channels = channelsUsed(run);
        draw(run, charts, "load.png", LoadChart.create(run), "Do resends multiply the load?",
                "Journeys started and code sends per window. Sends above journeys are resends; orange spans are retry storms, grey spans the carrier faults the scenario planned (outages, capacity drops).");
        draw(run, charts, "retry-ratio.png", RetryRatioChart.create(run, threshold), "When did resends exceed the retry budget?",
                "Share of sends that were resends, per window. Above the dashed line for several windows while carriers slow down is a retry storm.");
        draw(run, charts, "carriers.png", CarrierChart.create(run, channels), "Were carriers backed up, and how slow did delivery get?",
                "Top: messages waiting in each carrier's queue. Bottom: 95th percentile of delivery latency per window. Rising together means congestion.");
        Map<String, Map.Entry<Histogram, Color>> delivery = new LinkedHashMap<>();
        run.delivery().forEach((channel, h) -> delivery.put(channel, Map.entry(h, Palette.channel(channel))));
        draw(run, charts, "delivery-latency.png", PercentileDistributionChart.create(
                        "How long until a code reaches the phone?", "delivery latency", delivery),
                "How long until a code reaches the phone?",
                "Delivery latency (issue → visible on the handset) by percentile, per channel, whole run. Read across: 99% means 1 code in 100 took at least this long.");
        draw(run, charts, "time-to-sign-in.png", PercentileDistributionChart.create(
                        "How long does signing in take?", "time to sign in",
                        Map.of("successful journeys", Map.entry(run.timeToSignIn(), Palette.TIME_TO_SIGN_IN))),
                "How long does signing in take?",
                "Time from the first code request to the accepted code, successful journeys only, by percentile.");
        draw(run, charts, "journey-outcomes.png", OutcomeChart.create("How did journeys end?",
                        "one person's sign-in attempt, from first code request to its end", "journeys",
                        run.summary().outcomes(), OutcomeChart.JOURNEY_ORDER),
                "How did journeys end?", "Journeys by outcome; locked-out means still locked when the person's patience ran out.");
        draw(run, charts, "submission-outcomes.png", OutcomeChart.create("What happened to the codes people typed?",
                        "stale includes " + run.summary().staleAccepted() + " superseded codes the target still accepted",
                        "submissions", run.summary().submissions(), OutcomeChart.SUBMISSION_ORDER),
                "What happened to the codes people typed?",
                "Submissions by ledger outcome. Stale: a real code for this person, but a newer one had been issued.");
        return charts;
    }

    private static void draw(RunDirectory run, List<Chart> charts, String name, JFreeChart chart, String question, String howToRead) {
        Path relative = Path.of("charts", name);
        ChartStyle.save(chart, run.dir().resolve(relative));
        charts.add(new Chart(relative, question, howToRead));
    }

    /** Channels with a delivery log or any traffic in the time series, in the file's channel order. */
    static List<String> channelsUsed(RunDirectory run) {
        List<String> used = new ArrayList<>();
        for (String c : dev.otpsim.metrics.TimeSeriesColumns.CHANNELS) {
            if (run.delivery().containsKey(c) || run.series().channelUsed(c)) {
                used.add(c);
            }
        }
        return used;
    }

    static double retryThreshold(Optional<Config> scenario) {
        return scenario.filter(c -> c.hasPath(RETRY_THRESHOLD_KEY)).map(c -> {
            try {
                return c.getDouble(RETRY_THRESHOLD_KEY);
            } catch (ConfigException e) {
                return DEFAULT_RETRY_THRESHOLD;
            }
        }).orElse(DEFAULT_RETRY_THRESHOLD);
    }

    static Optional<Config> parseScenario(String text) {
        try {
            // Bounded and with includes refused, like any scenario: a run directory may come from anyone.
            return Optional.of(dev.otpsim.config.ScenarioFiles.parseText(text, RunDirectory.SCENARIO));
        } catch (dev.otpsim.config.ScenarioException e) {
            // The page still shows the text; only the knob table needs it parsed.
            return Optional.empty();
        }
    }

    /** Writes next to the target and moves it in, so a reader never sees half a page. */
    static Path writeAtomically(Path file, String content) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
