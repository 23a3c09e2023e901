package dev.otpsim.bench;

import dev.otpsim.metrics.RunSummary;
import dev.otpsim.run.RunResult;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.scenario.ScenarioLoader;
import dev.otpsim.config.ScenarioException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The robustness check: a scenario run with the gatling engine at its own time-scale, and whether
 * the harness kept up — no harness problem (lag, over capacity) in its summary.
 *
 * @param file              the scenario file
 * @param name              its name
 * @param timeScale         the time-scale it ran at
 * @param journeys          journeys started
 * @param successShare      successful journeys / journeys
 * @param valid             summary.json's {@code valid}
 * @param problems          summary.json's problems, as "kind: message"
 * @param harnessLagMs      the harness's own lag, simulated ms at p99 ("send", "verify", "delivery")
 * @param wakeUpsPerJourney Gatling pauses per completed journey
 * @param peakOpenFiles     most file descriptors held open during the run
 * @param wallSeconds       real time of the whole run
 * @param runDir            where its reports are
 * @param skipped           why it was not run (not a runnable scenario, an external target), else null
 */
public record ScenarioCheck(String file, String name, double timeScale, long journeys, double successShare,
                            boolean valid, List<String> problems, java.util.Map<String, Long> harnessLagMs,
                            double wakeUpsPerJourney, long peakOpenFiles, double wallSeconds, String runDir,
                            String skipped) {

    /** Whether the harness kept up: run, and no problem. */
    public boolean passed() {
        return skipped == null && valid && problems.isEmpty();
    }

    /** The scenario files named: files as given, directories as their {@code *.conf} files in name order. */
    static List<Path> expand(List<String> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String p : paths) {
            Path path = Path.of(p);
            if (Files.isDirectory(path)) {
                try (Stream<Path> s = Files.list(path)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".conf") && Files.isRegularFile(f)).sorted()
                            .forEach(out::add);
                }
            } else {
                out.add(path);
            }
        }
        return out;
    }

    /** Runs one scenario file, or says why it is skipped. */
    static ScenarioCheck run(BenchRunner runner, Path file) throws IOException, InterruptedException {
        Scenario s;
        try {
            s = ScenarioLoader.load(file);
        } catch (ScenarioException e) {
            return skipped(file, "not a runnable scenario (a sweep, a carriers file or invalid): "
                    + e.problems().get(0));
        }
        if (s.external() != null) {
            return skipped(file, "an external target: it needs the user's own service running");
        }
        long wall0 = System.nanoTime();
        RunResult r;
        long fds;
        try (RunProbe probe = new RunProbe(s.load().durationMillis()).start()) {
            r = runner.run(s);
            probe.close();
            fds = probe.peakOpenFiles();
        }
        RunSummary sum = r.summary();
        long success = sum.outcomes().getOrDefault("success", 0L);
        List<String> problems = sum.problems().stream().map(p -> p.kind().id() + ": " + p.message()).toList();
        return new ScenarioCheck(file.toString(), s.name(), s.timeScale(), sum.journeys(),
                sum.journeys() == 0 ? 0 : (double) success / sum.journeys(), sum.valid(), problems,
                sum.harnessLagMs(), LadderBench.wakeUpsPerJourney(r.runDir()), fds, (System.nanoTime() - wall0) / 1e9,
                r.runDir().toString(), null);
    }

    private static ScenarioCheck skipped(Path file, String why) {
        return new ScenarioCheck(file.toString(), file.getFileName().toString(), 0, 0, 0, false, List.of(),
                java.util.Map.of(), Double.NaN, -1, 0, null, why);
    }
}
