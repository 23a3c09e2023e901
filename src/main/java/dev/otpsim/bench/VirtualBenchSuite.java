package dev.otpsim.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.otpsim.report.compare.CompareOptions;
import dev.otpsim.report.compare.VariantRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * {@code otpsim bench --virtual}: how fast the virtual-time engine runs (issue 9, item 10) — journeys
 * per second of one core for a scenario's population (thread CPU time, which other work on the
 * machine does not inflate, and wall time), bytes allocated per journey, live heap against
 * journeys done, and whole comparisons timed as a user waits for them — each a median of several
 * runs with its range, judged against its goal, written to {@code <dir>/virtual-bench.json}.
 *
 * <pre>{@code
 * VirtualBenchResult r = new VirtualBenchSuite(System.out).run(VirtualBenchConfig.DEFAULTS,
 *         CompareCommand.runnerFactory, Path.of("reports/bench-20261202-030000"));
 * System.out.print(VirtualBenchTable.render(r));
 * }</pre>
 * The parts run one after another on one thread, except the comparisons, whose replications use
 * every core as {@code otpsim compare} does.
 */
public final class VirtualBenchSuite {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Live heap samples along a memory run (each after a full GC). */
    static final int HEAP_SAMPLES = 10;

    private final PrintStream out;

    /** @param out where progress lines go, one per run */
    public VirtualBenchSuite(PrintStream out) {
        this.out = out;
    }

    public VirtualBenchResult run(VirtualBenchConfig config, Function<CompareOptions, VariantRunner> runners, Path dir)
            throws IOException, dev.otpsim.report.compare.Comparison.VariantFailed {
        Files.createDirectories(dir);
        String startedAt = OffsetDateTime.now().toString();
        List<Double> load = new ArrayList<>(List.of(Bench.loadAverage()));
        Path scenario = Path.of(config.scenario());
        List<VirtualBench.Result> warmups = new ArrayList<>(), runs = new ArrayList<>();
        for (int i = 1; config.runs() > 0 && i <= config.warmups() + config.runs(); i++) {
            boolean warm = i <= config.warmups();
            out.printf(Locale.ROOT, "bench: virtual %s run %d of %d, %,d journeys of %s...%n", warm ? "warm-up" : "speed",
                    warm ? i : i - config.warmups(), warm ? config.warmups() : config.runs(), config.journeys(), scenario);
            (warm ? warmups : runs).add(VirtualBench.run(scenario, config.journeys()));
        }
        List<VirtualBenchResult.MemoryRun> memory = new ArrayList<>();
        for (int i = 1; config.memoryJourneys() > 0 && i <= config.memoryRuns(); i++) {
            out.printf(Locale.ROOT, "bench: live heap run %d of %d, %,d journeys, %d full GCs...%n", i,
                    config.memoryRuns(), config.memoryJourneys(), HEAP_SAMPLES + 1);
            List<VirtualBench.HeapSample> samples = VirtualBench.memory(scenario, config.memoryJourneys(), HEAP_SAMPLES);
            memory.add(new VirtualBenchResult.MemoryRun(config.memoryJourneys(), samples,
                    VirtualBench.bytesPerJourneyDone(samples)));
        }
        List<CompareBench.Run> compare = new ArrayList<>();
        for (int i = 1; i <= config.compareRuns(); i++) {
            out.printf(Locale.ROOT, "bench: compare run %d of %d, %s, %d replications × %,d journeys per variant...%n",
                    i, config.compareRuns(), config.sweep(), config.compareReplications(), config.compareJourneys());
            compare.add(CompareBench.run(Path.of(config.sweep()), config.compareReplications(), config.compareJourneys(),
                    runners, dir.resolve("compare-" + i)));
        }
        load.add(Bench.loadAverage());
        Figure cpu = figure(runs, VirtualBench.Result::journeysPerCpuSecond);
        Figure wall = figure(runs, VirtualBench.Result::journeysPerWallSecond);
        Figure process = figure(runs, r -> r.journeys() / r.processCpuSeconds());
        Figure allocated = figure(runs, VirtualBench.Result::bytesAllocatedPerJourney);
        Figure retained = Figure.of(memory.stream().map(VirtualBenchResult.MemoryRun::bytesPerJourneyDone).toList());
        Figure compareWall = Figure.of(compare.stream().map(CompareBench.Run::wallSeconds).toList());
        VirtualBenchResult result = new VirtualBenchResult(startedAt, Bench.machine(), load, config, warmups, runs, cpu,
                wall, process, allocated, memory, retained, compare, compareWall,
                VirtualGoals.judge(config, cpu, wall, retained, compare, compareWall));
        JSON.writeValue(dir.resolve("virtual-bench.json").toFile(), result);
        return result;
    }

    private static Figure figure(List<VirtualBench.Result> runs, ToDoubleFunction<VirtualBench.Result> f) {
        return Figure.of(runs.stream().map(r -> f.applyAsDouble(r)).toList());
    }
}
