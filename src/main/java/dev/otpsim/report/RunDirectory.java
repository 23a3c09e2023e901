package dev.otpsim.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.metrics.TimeSeriesColumns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Everything a run wrote under {@code reports/<run-id>/}, read back for a report.
 *
 * <p>{@code summary.json} and {@code timeseries.csv} are required; when {@code summary.json} is
 * missing (a run killed before it wrote one), its figures are rebuilt from {@code ledger.csv}
 * ({@link LedgerSummary}) and marked partial. The HdrHistogram logs,
 * {@code scenario.conf}, {@code run-info.json} and Gatling's report are optional: a channel the
 * scenario does not use has no log, and a killed run may not have written the rest. A file that
 * exists but cannot be read is an error naming the file.
 *
 * @param dir            the run directory
 * @param summary        {@code summary.json}
 * @param series         {@code timeseries.csv}
 * @param delivery       whole-run delivery latency per channel (simulated ms), only channels with a log
 * @param timeToSignIn   whole-run time to sign in (simulated ms), empty histogram when no log
 * @param scenarioText   {@code scenario.conf} as run, or empty
 * @param runInfo        {@code run-info.json} (versions, start, command line), possibly empty
 * @param gatlingReport  Gatling's {@code index.html}, relative to {@code dir}, if present
 */
public record RunDirectory(Path dir, RunSummary summary, TimeSeries series, Map<String, Histogram> delivery,
                           Histogram timeToSignIn, Optional<String> scenarioText, Map<String, String> runInfo,
                           Optional<Path> gatlingReport) {

    public static final String SUMMARY = "summary.json";
    public static final String TIMESERIES = "timeseries.csv";
    public static final String SCENARIO = "scenario.conf";
    public static final String RUN_INFO = "run-info.json";

    static final ObjectMapper JSON = new ObjectMapper()
            // A newer run may add figures; an older report still reads the ones it knows.
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Reads {@code dir}; throws {@link ReportInputException} naming the first bad or missing file. */
    public static RunDirectory read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ReportInputException(dir, Files.exists(dir) ? "not a directory" : "no such run directory");
        }
        if (!Files.exists(dir.resolve(SUMMARY)) && Files.isRegularFile(dir.resolve(LedgerSummary.LEDGER))) {
            // Killed before its first summary: the ledger has every event up to the kill.
            TimeSeries series = TimeSeries.read(dir.resolve(TIMESERIES));
            LedgerSummary.Rebuilt rebuilt = LedgerSummary.read(dir, series);
            return new RunDirectory(dir, rebuilt.summary(), series, rebuilt.delivery(), rebuilt.timeToSignIn(),
                    readText(dir.resolve(SCENARIO)), readRunInfo(dir.resolve(RUN_INFO)), findGatlingReport(dir));
        }
        RunSummary summary = readSummary(dir.resolve(SUMMARY));
        TimeSeries series = TimeSeries.read(dir.resolve(TIMESERIES));
        Map<String, Histogram> delivery = new LinkedHashMap<>();
        for (String channel : TimeSeriesColumns.CHANNELS) {
            Path log = dir.resolve("hdr").resolve("delivery-" + channel + ".hlog");
            if (Files.exists(log)) {
                delivery.put(channel, HistogramLogs.readTotal(log));
            }
        }
        Path signIn = dir.resolve("hdr").resolve("time-to-sign-in.hlog");
        Histogram timeToSignIn = Files.exists(signIn) ? HistogramLogs.readTotal(signIn) : new Histogram(3);
        return new RunDirectory(dir, summary, series, delivery, timeToSignIn, readText(dir.resolve(SCENARIO)),
                readRunInfo(dir.resolve(RUN_INFO)), findGatlingReport(dir));
    }

    /** Reads one {@code summary.json}; throws {@link ReportInputException} naming it when missing or malformed. */
    public static RunSummary readSummary(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ReportInputException(file, "missing, and so is ledger.csv to rebuild it from (was the run killed "
                    + "before it started?)");
        }
        try {
            RunSummary s = JSON.readValue(file.toFile(), RunSummary.class);
            if (s == null) {
                throw new ReportInputException(file, "empty");
            }
            return s;
        } catch (JsonProcessingException e) {
            throw new ReportInputException(file, "not a run summary: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()), e);
        } catch (IOException e) {
            throw new ReportInputException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static Optional<String> readText(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ReportInputException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    static Map<String, String> readRunInfo(Path file) {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            Map<String, Object> raw = JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
            Map<String, String> info = new LinkedHashMap<>();
            raw.forEach((k, v) -> info.put(k, String.valueOf(v)));
            return info;
        } catch (IOException e) {
            throw new ReportInputException(file, "not a JSON object of names and versions: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static Optional<Path> findGatlingReport(Path dir) {
        Path gatling = dir.resolve("gatling");
        if (!Files.isDirectory(gatling)) {
            return Optional.empty();
        }
        try (Stream<Path> children = Files.list(gatling)) {
            // Gatling names its folder <simulation>-<timestamp>; the newest one is this run's.
            return children.map(c -> c.resolve("index.html")).filter(Files::isRegularFile)
                    .max(Comparator.comparing(Path::toString)).map(dir::relativize);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
