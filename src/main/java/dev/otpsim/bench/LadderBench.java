package dev.otpsim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.run.RunOutput;
import dev.otpsim.run.RunResult;
import dev.otpsim.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The throughput ladder: one full {@link dev.otpsim.load.GatlingEngine} run per offered rate, lowest first, each
 * measured by a {@link RunProbe}. All runs share this JVM, so later rungs run on JIT-compiled
 * code — as a long run would. A rung the harness cannot carry is stopped by the engine and
 * reported over capacity, with the rate it did complete.
 */
final class LadderBench {
    private final BenchRunner runner;

    LadderBench(BenchRunner runner) {
        this.runner = runner;
    }

    RungResult rung(double realRate, double realSeconds) throws IOException, InterruptedException {
        String name = String.format(Locale.ROOT, "rung-%.0f", realRate);
        Scenario s = BenchScenario.of(name, realRate, realSeconds);
        long cpu0 = ProcessCpu.nanos();
        long wall0 = System.nanoTime();
        RunResult r;
        RunProbe.Window w;
        long fds;
        try (RunProbe probe = new RunProbe(s.load().durationMillis()).start()) {
            r = runner.run(s);
            probe.close();
            w = probe.window();
            fds = probe.peakOpenFiles();
        }
        long cpu = ProcessCpu.nanos() - cpu0;
        RunSummary sum = r.summary();
        if (w == null) {
            throw new IOException("rung " + name + ": the run ended before its load did: " + sum.problems());
        }
        long success = sum.outcomes().getOrDefault("success", 0L);
        return new RungResult(realRate, sum.journeys(), w.realSeconds(), w.journeysEnded() / w.realSeconds(),
                sum.journeys() == 0 ? 0 : (double) success / sum.journeys(), p99(sum, "send"), p99(sum, "verify"),
                w.journeysEnded() == 0 ? 0 : w.cpuNanos() / 1e6 / w.journeysEnded(), w.cpuNanos() / 1e9 / w.realSeconds(),
                sum.journeys() == 0 ? 0 : cpu / 1e6 / sum.journeys(), (System.nanoTime() - wall0) / 1e9, warnings(sum),
                r.runDir().toString(), sum.has(RunSummary.RunProblem.Kind.OVER_CAPACITY), fds,
                wakeUpsPerJourney(r.runDir()));
    }

    /** The run's warnings and, for an invalid run, why. */
    static List<String> warnings(RunSummary s) {
        List<String> w = new ArrayList<>(s.warnings());
        s.problems().forEach(p -> w.add(p.kind().id() + ": " + p.message()));
        return w;
    }

    /** From the run's run-info.json (harness facts), or NaN if it has none. */
    static double wakeUpsPerJourney(Path runDir) {
        try {
            JsonNode h = new ObjectMapper().readTree(runDir.resolve(RunOutput.RUN_INFO).toFile()).get("harness");
            return h == null ? Double.NaN : h.get("wakeUpsPerJourney").asDouble(Double.NaN);
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static long p99(RunSummary s, String request) {
        RunSummary.Percentiles p = s.httpLatencyMs().get(request);
        return p == null ? 0 : p.p99();
    }
}
