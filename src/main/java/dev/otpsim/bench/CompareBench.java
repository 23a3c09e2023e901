package dev.otpsim.bench;

import dev.otpsim.person.LoadProfile;
import dev.otpsim.report.compare.CompareOptions;
import dev.otpsim.report.compare.CompareReport;
import dev.otpsim.report.compare.Comparison;
import dev.otpsim.report.compare.Sweep;
import dev.otpsim.report.compare.Variant;
import dev.otpsim.report.compare.VariantResult;
import dev.otpsim.report.compare.VariantRunner;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.config.ScenarioFiles;
import dev.otpsim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * One whole {@code otpsim compare} in virtual time, timed: every variant of a sweep with
 * {@code replications} replications of about {@code journeys} journeys each, through the same
 * runner, comparison and report as the command, into {@code dir}. The base scenario's load keeps its
 * rate and ramp; only its duration is stretched, so a replication is the sweep's own population, longer.
 * (This size is a bench option only: {@code otpsim compare} runs the sweep's load as written.)
 *
 * <pre>{@code
 * CompareBench.Run r = CompareBench.run(Path.of("scenarios/compare-resend-wait.conf"), 20, 100_000,
 *         CompareCommand.runnerFactory, Path.of("reports/bench-x/compare-1"));
 * r.wallSeconds(); // what the user waits for, the report included
 * }</pre>
 */
public final class CompareBench {
    private CompareBench() {
    }

    /**
     * @param variants          variants run
     * @param journeys          journeys run, every replication of every variant (from their summaries)
     * @param invalidVariants   variants whose figures are not a result (none expected in virtual time)
     * @param wallSeconds       from parsing the sweep to the written compare.html
     * @param processCpuSeconds CPU of this whole process meanwhile, every thread (GC and JIT included)
     */
    public record Run(String sweep, int variants, int replications, long journeys, int invalidVariants,
                      double wallSeconds, double processCpuSeconds, String dir) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %d variants × %d replications, %,d journeys in %.1f s wall, "
                            + "%.1f s process CPU (%.2f cores)%s", sweep, variants, replications, journeys, wallSeconds,
                    processCpuSeconds, processCpuSeconds / wallSeconds,
                    invalidVariants == 0 ? "" : ", " + invalidVariants + " variants NOT A RESULT");
        }
    }

    /** The sweep with every variant's load stretched to about {@code journeys} journeys per replication. */
    static Sweep sized(Path sweepFile, long journeys) {
        Sweep sweep = Sweep.parse(sweepFile);
        Scenario base = ScenarioLoader.load(sweep.baseFile());
        if (ScenarioFiles.parse(sweep.baseFile()).hasPath("load.phases")) {
            throw new IllegalArgumentException(sweep.baseFile() + ": the bench stretches a load written as rate, "
                    + "duration and ramp, not load.phases");
        }
        LoadProfile load = base.load();
        LoadProfile.Phase steady = load.phases().get(load.phases().size() - 1);
        double beforeSteady = load.expectedJourneys() - steady.toRate() * steady.millis() / 1000.0;
        long seconds = Math.max(1, Math.round((journeys - beforeSteady) / steady.toRate()));
        sweep = sweep.withOverride("load.duration", seconds + "s").withOverride("engine", "virtual");
        long longest = base.people().longestGiveUpMillis();
        long window = VirtualBench.windowFor(load.durationMillis() - steady.millis() + seconds * 1000L + longest,
                base.metrics().windowMillis());
        return window == base.metrics().windowMillis() ? sweep : sweep.withOverride("metrics.window", window / 1000 + "s");
    }

    public static Run run(Path sweepFile, int replications, long journeys, Function<CompareOptions, VariantRunner> runners,
                          Path dir) throws Comparison.VariantFailed {
        long cpu0 = ProcessCpu.nanos();
        long wall0 = System.nanoTime();
        Sweep sweep = sized(sweepFile, journeys);
        List<Variant> variants = sweep.variants();
        CompareOptions options = new CompareOptions(sweepFile, dir, Optional.empty(), Optional.empty(), "virtual",
                replications);
        List<VariantResult> results;
        try (VariantRunner runner = runners.apply(options)) {
            Comparison.check(variants, runner);
            results = Comparison.run(variants, runner, dir, (done, total, result, took) -> { });
        }
        CompareReport.write(dir, sweep, results);
        double wall = (System.nanoTime() - wall0) / 1e9;
        double cpu = (ProcessCpu.nanos() - cpu0) / 1e9;
        long n = results.stream().mapToLong(r -> r.summary().journeys()).sum();
        int invalid = (int) results.stream().filter(r -> !r.valid()).count();
        return new Run(sweep.name(), variants.size(), replications, n, invalid, wall, cpu0 < 0 ? Double.NaN : cpu,
                dir.toString());
    }
}
