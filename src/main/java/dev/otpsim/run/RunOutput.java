package dev.otpsim.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.ConfigRenderOptions;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's directory, {@code reports/<run-id>/}, as both engines write it: the file names in one
 * place, and one way to replace a file so that a reader (or a kill) never sees half of it.
 *
 * <pre>{@code
 * RunOutput out = RunOutput.create(Path.of("reports"), null, scenario, "virtual");
 * out.writeSummary(summary);           // atomically, as often as the run likes
 * out.finish(Map.of("replications", "10"));
 * }</pre>
 *
 * <p>Wall-clock facts (run id, start time, wall time, versions, machine) go to {@code run-info.json}
 * only, so {@code summary.json}, {@code timeseries.csv} and {@code ledger.csv} of a virtual-time
 * run depend on nothing but the scenario and the seed.
 */
public final class RunOutput {
    public static final String SUMMARY = "summary.json";
    public static final String RUN_INFO = "run-info.json";
    public static final String SCENARIO = "scenario.conf";
    public static final String LEDGER = "ledger.csv";
    public static final String TIMESERIES = "timeseries.csv";
    public static final String HDR = "hdr";
    public static final String REPLICATIONS = "replications.csv";
    public static final String UNMATCHED = "unmatched-answers.json";
    public static final String GATLING = "gatling";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter DIR_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dir;
    private final Map<String, Object> info = new LinkedHashMap<>();
    private final long wallStart = System.nanoTime();

    private RunOutput(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates the run directory (a fresh one: {@code -2}, {@code -3}... when the name is taken) and
     * writes the scenario as run and {@code run-info.json}.
     *
     * @param runId null to name it after the scenario and the local time
     */
    public static RunOutput create(Path reportsDir, String runId, Scenario scenario, String engine) throws IOException {
        String id = runId != null ? runId : scenario.name() + "-" + now();
        if (Files.exists(reportsDir) && !Files.isDirectory(reportsDir)) {
            throw new IOException(reportsDir + " is a file, not a directory for run results");
        }
        Files.createDirectories(reportsDir);
        Path dir = reportsDir.resolve(id);
        for (int n = 2; Files.exists(dir); n++) {
            dir = reportsDir.resolve(id + "-" + n);
        }
        Files.createDirectories(dir);
        RunOutput out = new RunOutput(dir);
        Files.writeString(dir.resolve(SCENARIO), "# " + scenario.file() + " as run (resolved)\n"
                + scenario.raw().root().render(ConfigRenderOptions.defaults().setOriginComments(false)));
        out.info.put("runId", dir.getFileName().toString());
        out.info.put("engine", engine);
        out.info.put("startedAt", OffsetDateTime.now().toString());
        out.info.putAll(Versions.all());
        out.info.put("commandLine", System.getProperty("sun.java.command", ""));
        out.writeInfo();
        return out;
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public String runId() {
        return dir.getFileName().toString();
    }

    /** Real seconds since the directory was created. */
    public double wallSeconds() {
        return (System.nanoTime() - wallStart) / 1e9;
    }

    /** Writes {@code summary.json} next to itself and moves it in place. */
    public void writeSummary(RunSummary summary) {
        writeJson(dir.resolve(SUMMARY), summary);
    }

    /** Adds facts to {@code run-info.json} (with the wall time so far) and rewrites it. */
    public void finish(Map<String, ?> facts) {
        info.putAll(facts);
        info.put("wallSeconds", String.format(java.util.Locale.ROOT, "%.1f", wallSeconds()));
        writeInfo();
    }

    private void writeInfo() {
        writeJson(dir.resolve(RUN_INFO), info);
    }

    /** Writes {@code value} as JSON next to {@code file} and moves it in place: never half a file. */
    public static void writeJson(Path file, Object value) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), value);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Local time as used in the names of run, comparison and bench directories: {@code yyyyMMdd-HHmmss}. */
    public static String now() {
        return LocalDateTime.now().format(DIR_TIME);
    }
}
