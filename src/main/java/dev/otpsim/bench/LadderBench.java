package dev.otpsim.bench;

import dev.otpsim.run.RunResult;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.scenario.Scenario;
import java.io.IOException;
import java.util.Locale;

/**
 * The throughput ladder: one full {@link dev.otpsim.load.GatlingEngine} run per offered rate, lowest first, each
 * measured by a {@link RunProbe}. All runs share this JVM, so later rungs run on JIT-compiled
 * code — as a long run would.
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
        try (RunProbe probe = new RunProbe(s.load().durationMillis()).start()) {
            r = runner.run(s);
            probe.close();
            w = probe.window();
        }
        long cpu = ProcessCpu.nanos() - cpu0;
        RunSummary sum = r.summary();
        if (w == null) {
            throw new IOException("rung " + name + ": the run ended before its load did");
        }
        long success = sum.outcomes().getOrDefault("success", 0L);
        return new RungResult(realRate, sum.journeys(), w.realSeconds(), w.journeysEnded() / w.realSeconds(),
                sum.journeys() == 0 ? 0 : (double) success / sum.journeys(), p99(sum, "send"), p99(sum, "verify"),
                w.journeysEnded() == 0 ? 0 : w.cpuNanos() / 1e6 / w.journeysEnded(), w.cpuNanos() / 1e9 / w.realSeconds(),
                sum.journeys() == 0 ? 0 : cpu / 1e6 / sum.journeys(), (System.nanoTime() - wall0) / 1e9, warnings(sum),
                r.runDir().toString());
    }

    /** The run's warnings and, for an invalid run, why. */
    private static java.util.List<String> warnings(RunSummary s) {
        java.util.List<String> w = new java.util.ArrayList<>(s.warnings());
        s.problems().forEach(p -> w.add(p.kind().id() + ": " + p.message()));
        return w;
    }

    private static long p99(RunSummary s, String request) {
        RunSummary.Percentiles p = s.httpLatencyMs().get(request);
        return p == null ? 0 : p.p99();
    }
}
