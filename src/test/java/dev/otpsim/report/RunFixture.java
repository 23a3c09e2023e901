package dev.otpsim.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.metrics.RunSummary.Percentiles;
import dev.otpsim.metrics.TimeSeriesColumns;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes a run directory as a run would, from synthetic but plausible data: a 20-minute run of
 * 10-second windows with an SMS congestion episode and a retry storm in the middle, HdrHistogram
 * interval logs per window, and a summary whose figures are consistent with them.
 */
public final class RunFixture {
    public static final long WINDOW_MS = 10_000;

    // Knobs of the synthetic run; tests and the fake variant runner change them.
    public String runId = "20260101-120000-fixture";
    public long seed = 42;
    public double timeScale = 120;
    public int windows = 120;
    public int journeysPerWindow = 40;
    /** How much worse the congestion episode gets; 0 means no storm. */
    public double stormStrength = 1.0;
    public double staleSubmissionRate = 0.043;
    public double staleJourneyRate = 0.031;
    public double lockoutRate = 0.012;
    public double sendAmplification = 1.37;
    public double messagesPerSuccess = 1.52;
    public long timeToSignInScaleMs = 20_000;
    public List<String> channels = List.of("sms", "email");
    public boolean gatling = true;
    /** The scenario's {@code metrics.storm.threshold}: the dashed line of the retry-ratio chart. */
    public double stormThreshold = 0.10;
    /** The scenario as run; null writes the fixture's own, which the scenario loader accepts. */
    public String scenarioText;

    private final Histogram timeToSignIn = new Histogram(3);

    /** Writes the run directory at {@code dir} and returns the summary written. */
    public RunSummary write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("hdr"));
        Random rnd = new Random(seed);
        Map<String, HistogramLogWriter> delivery = new LinkedHashMap<>();
        Map<String, Histogram> deliveryTotal = new LinkedHashMap<>();
        for (String c : channels) {
            delivery.put(c, writer(dir.resolve("hdr/delivery-" + c + ".hlog")));
            deliveryTotal.put(c, new Histogram(3));
        }
        HistogramLogWriter signIn = writer(dir.resolve("hdr/time-to-sign-in.hlog"));
        HistogramLogWriter httpSend = writer(dir.resolve("hdr/http-send.hlog"));
        HistogramLogWriter httpVerify = writer(dir.resolve("hdr/http-verify.hlog"));

        List<String> rows = new ArrayList<>();
        rows.add(String.join(",", TimeSeriesColumns.header()));
        int stormStart = windows / 3;
        int stormEnd = stormStart + windows / 6;
        long journeys = 0;
        long sends = 0;
        long retrySendsTotal = 0;
        long backlog = 0;
        List<RunSummary.Storm> storms = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            long start = w * WINDOW_MS;
            boolean storm = stormStrength > 0 && w >= stormStart && w < stormEnd;
            double congestion = storm ? stormStrength * (1 + (w - stormStart) * 0.4) : 0;
            int started = journeysPerWindow + rnd.nextInt(7) - 3;
            int retries = (int) Math.round(started * (0.05 + 0.08 * congestion));
            int sent = started + retries;
            backlog = storm ? backlog + (long) (30 * congestion) : Math.max(0, backlog - 80);
            Map<String, Histogram> windowDelivery = new LinkedHashMap<>();
            for (String c : channels) {
                Histogram h = new Histogram(3);
                int n = c.equals("sms") ? sent : Math.max(1, sent / 8);
                for (int i = 0; i < n; i++) {
                    // Lognormal delays around 4 s for SMS, 2 s for email, stretched by congestion on SMS.
                    double median = c.equals("sms") ? 4_000 * (1 + congestion) : 2_000;
                    h.recordValue(Math.max(1, (long) (median * Math.exp(0.7 * rnd.nextGaussian()))));
                }
                windowDelivery.put(c, h);
                delivery.get(c).outputIntervalHistogram(start / 1000.0, (start + WINDOW_MS) / 1000.0, h);
                deliveryTotal.get(c).add(h);
            }
            Histogram s = new Histogram(3);
            Histogram hs = new Histogram(3);
            Histogram hv = new Histogram(3);
            int successes = (int) Math.round(started * (1 - lockoutRate - 0.03));
            for (int i = 0; i < successes; i++) {
                s.recordValue(Math.max(1, (long) (timeToSignInScaleMs * (1 + congestion) * Math.exp(0.5 * rnd.nextGaussian()))));
                hv.recordValue(1 + rnd.nextInt(8));
            }
            for (int i = 0; i < sent; i++) {
                hs.recordValue(1 + rnd.nextInt(6));
            }
            signIn.outputIntervalHistogram(start / 1000.0, (start + WINDOW_MS) / 1000.0, s);
            httpSend.outputIntervalHistogram(start / 1000.0, (start + WINDOW_MS) / 1000.0, hs);
            httpVerify.outputIntervalHistogram(start / 1000.0, (start + WINDOW_MS) / 1000.0, hv);
            timeToSignIn.add(s);

            StringBuilder row = new StringBuilder();
            row.append(start).append(',').append(start + WINDOW_MS).append(',').append(started).append(',')
                    .append(started).append(',').append(successes).append(',').append(sent).append(',')
                    .append(started).append(',').append(retries).append(',')
                    .append(String.format(Locale.ROOT, "%.4f", (double) retries / sent)).append(',')
                    .append(String.format(Locale.ROOT, "%.4f", (double) sent / started)).append(',')
                    .append(successes + retries).append(',').append(retries / 2).append(',').append(storm ? 1 : 0).append(',')
                    .append(storm ? 1 : 0);
            for (String c : TimeSeriesColumns.CHANNELS) {
                row.append(',').append(c.equals("sms") && channels.contains("sms") ? backlog : 0);
            }
            for (String c : TimeSeriesColumns.CHANNELS) {
                row.append(',').append(windowDelivery.containsKey(c) ? windowDelivery.get(c).getValueAtPercentile(95) : 0);
            }
            for (String c : TimeSeriesColumns.CHANNELS) {
                row.append(',').append(windowDelivery.containsKey(c) ? windowDelivery.get(c).getTotalCount() : 0);
            }
            rows.add(row.toString());
            journeys += started;
            sends += sent;
            retrySendsTotal += retries;
        }
        if (stormStrength > 0) {
            storms.add(new RunSummary.Storm(stormStart * WINDOW_MS, (stormEnd - stormStart) * WINDOW_MS, stormEnd - stormStart,
                    0.05 + 0.08 * stormStrength * (1 + (stormEnd - stormStart - 1) * 0.4), sends / windows * 2,
                    (stormStart + 3) * WINDOW_MS, true));
        }
        for (HistogramLogWriter wr : delivery.values()) {
            wr.close();
        }
        signIn.close();
        httpSend.close();
        httpVerify.close();
        Files.write(dir.resolve("timeseries.csv"), rows);

        long locked = Math.round(journeys * lockoutRate);
        long success = timeToSignIn.getTotalCount();
        long abandoned = journeys - success - locked - 2;
        long submissionCount = success + retrySendsTotal;
        long stale = Math.round(submissionCount * staleSubmissionRate);
        Map<String, Long> outcomes = new LinkedHashMap<>();
        outcomes.put("success", success);
        outcomes.put("abandoned", abandoned);
        outcomes.put("locked-out", locked);
        outcomes.put("error", 2L);
        Map<String, Long> submissions = new LinkedHashMap<>();
        submissions.put("accepted", success);
        submissions.put("stale", stale);
        submissions.put("expired", 3L);
        submissions.put("mistyped", 17L);
        submissions.put("locked", locked * 2);
        submissions.put("rate-limited", 5L);
        submissions.put("error", 0L);
        Map<String, Percentiles> deliveryPct = new LinkedHashMap<>();
        deliveryTotal.forEach((c, h) -> deliveryPct.put(c, percentiles(h)));
        Map<String, Double> mps = new LinkedHashMap<>();
        mps.put("all", messagesPerSuccess);
        for (String c : channels) {
            mps.put(c, c.equals("sms") ? messagesPerSuccess * 0.9 : messagesPerSuccess * 0.1);
        }
        double simulatedSeconds = windows * WINDOW_MS / 1000.0;
        Map<String, Percentiles> http = new LinkedHashMap<>();
        http.put("send", new Percentiles(sends, 3.4, 3, 5, 6, 6));
        http.put("verify", new Percentiles(success, 4.5, 4, 7, 8, 8));
        Map<String, Long> lag = new LinkedHashMap<>();
        lag.put("send", Math.round(6 * timeScale));
        lag.put("verify", Math.round(8 * timeScale));
        lag.put("delivery", 3L);
        Map<String, Long> lost = new LinkedHashMap<>();
        lost.put("loss", 12L);
        lost.put("queue-full", 3L);
        RunSummary summary = new RunSummary(
                new RunSummary.WhatRan("fixture", "scenarios/fixture.conf", "gatling", seed, 1, List.of(seed), timeScale,
                        windows * WINDOW_MS),
                new RunSummary.Validity(true, List.of()),
                new RunSummary.JourneyCounts(journeys, outcomes),
                new RunSummary.SubmissionCounts(submissions, submissionCount, 4, 0, staleSubmissionRate, staleJourneyRate),
                new RunSummary.Lockouts(lockoutRate, locked, Math.max(0, locked - 1), 0, 0.0,
                        new RunSummary.Recovery(0, 0.0, 0.0, "USD", 172_800_000L)),
                new RunSummary.SendCounts(sends, sendAmplification, (double) retrySendsTotal / sends, 0, storms),
                new RunSummary.Times(percentiles(timeToSignIn), deliveryPct, mps, success / simulatedSeconds,
                        journeys / simulatedSeconds),
                new RunSummary.TargetAndHarness(1, Map.of("ledger=stale target=accepted <odd>", 1L), http, lag),
                new RunSummary.CarrierCounts(lost, 7, 0),
                new RunSummary.Trust(estimates(journeys, success, submissionCount, stale, locked),
                        List.of(new RunSummary.ThresholdResult("staleSubmissionRate < 0.05", "staleSubmissionRate",
                                        staleSubmissionRate, staleSubmissionRate < 0.05),
                                new RunSummary.ThresholdResult("lockoutRate < 0.01", "lockoutRate", lockoutRate,
                                        lockoutRate < 0.01)),
                        List.of("send requests took 900 ms real at p99 from when they were due <fixture>"),
                        List.of(new RunSummary.CarrierFault("sms", "capacity-drop", 2 * WINDOW_MS, 5 * WINDOW_MS)),
                        dev.otpsim.metrics.SummaryBuilder.DEFINITIONS,
                        List.of(new dev.otpsim.carrier.gateway.GatewayRefusals.Refusal("http", "POST /wrong/<path>", 404,
                                "not_found", 5))));
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve("summary.json").toFile(), summary);
        Files.writeString(dir.resolve("scenario.conf"), scenarioText != null ? scenarioText : scenarioText());
        Files.writeString(dir.resolve("run-info.json"), """
                {"otpsim":"0.1.0-test","java":"17.0.15","gatling":"3.16.0","akka":"2.6.21","hdrhistogram":"2.2.2",\
                "jfreechart":"1.5.6","os":"Linux","startedAt":"2026-01-01T12:00:00Z","commandLine":"otpsim run scenarios/fixture.conf"}
                """);
        if (gatling) {
            Path g = dir.resolve("gatling/otpsimulation-20260101120000123");
            Files.createDirectories(g);
            Files.writeString(g.resolve("index.html"), "<html><body>gatling</body></html>");
        }
        return summary;
    }

    /** The scenario this fixture's run would have been run from, with its knobs. */
    public String scenarioText() {
        return """
                name = fixture
                description = "synthetic run for report tests <with markup & quotes>"
                seed = %d
                time-scale = %s
                target.policy { rotation = latest-only, code-ttl = 10m, max-attempts = 3, lockout = 30m }
                people.profile { resend-wait = 30s }
                load { rate = %s, duration = %dms }
                metrics.storm { threshold = %s, windows = 3 }
                """.formatted(seed, timeScale, journeysPerWindow * 1000.0 / WINDOW_MS, windows * WINDOW_MS, stormThreshold);
    }

    /** Intervals as a one-replication run has them, for the shares the page shows. */
    private static Map<String, dev.otpsim.metrics.Estimate> estimates(long journeys, long success, long submissions,
                                                                      long stale, long locked) {
        Map<String, dev.otpsim.metrics.Estimate> e = new LinkedHashMap<>();
        e.put("successRate", dev.otpsim.metrics.Intervals.wilson(success, journeys));
        e.put("staleSubmissionRate", dev.otpsim.metrics.Intervals.wilson(stale, submissions));
        e.put("lockoutRate", dev.otpsim.metrics.Intervals.wilson(locked, journeys));
        return e;
    }

    public static Percentiles percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0);
        }
        return new Percentiles(h.getTotalCount(), h.getMean(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getMaxValue());
    }

    private static HistogramLogWriter writer(Path file) throws IOException {
        HistogramLogWriter w = new HistogramLogWriter(new PrintStream(Files.newOutputStream(file), false, "UTF-8"));
        w.outputLogFormatVersion();
        w.outputStartTime(1_767_268_800_000L);
        w.outputLegend();
        return w;
    }
}
