package dev.otpsim.virtual;

import dev.otpsim.ledger.LedgerLog;
import dev.otpsim.metrics.ReplicationTable;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.metrics.SummaryBuilder;
import dev.otpsim.report.RunReport;
import dev.otpsim.run.RunOptions;
import dev.otpsim.run.RunOutput;
import dev.otpsim.run.RunPlan;
import dev.otpsim.run.RunResult;
import dev.otpsim.scenario.Scenario;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a scenario against the embedded reference target in virtual time, as many replications as
 * asked (seeds derived from the base seed, run in parallel, one core each), and writes
 * {@code reports/<run-id>/} in the same layout as a Gatling run: {@code summary.json} (every
 * replication pooled, each figure with its interval), {@code replications.csv} (one row per
 * replication), and for the first replication — or all, when asked — the raw files:
 * {@code timeseries.csv}, {@code hdr/*.hlog}, {@code ledger.csv}; then {@code index.html}.
 *
 * <pre>{@code
 * RunResult r = new VirtualEngine(System.out).run(scenario, RunOptions.defaults().withReplications(10));
 * }</pre>
 * Deterministic: the same scenario, seed and replications give byte-identical summary.json,
 * timeseries.csv, ledger.csv and replications.csv, however busy the machine.
 */
public final class VirtualEngine {
    private final PrintStream out;

    public VirtualEngine(PrintStream out) {
        this.out = out;
    }

    public RunResult run(Scenario scenario, RunOptions options) throws IOException {
        RunOutput output = RunOutput.create(options.reportsDir(), options.runId(), scenario, RunSummary.VIRTUAL);
        int replications = options.replications();
        if (options.progress()) {
            out.println("otpsim: " + scenario.describe());
            out.println("otpsim: virtual time, " + replications + (replications == 1 ? " replication" : " replications")
                    + "; results in " + output.dir());
        }
        List<SummaryBuilder.Replication> reps = runAll(scenario, options, output);
        RunPlan plan = new RunPlan(scenario, scenario.seed());
        SummaryBuilder.RunInfo info = new SummaryBuilder.RunInfo(scenario.name(), scenario.file().toString(),
                RunSummary.VIRTUAL, scenario.seed(), Double.POSITIVE_INFINITY, plan.channels(), false,
                scenario.recovery());
        RunSummary summary = SummaryBuilder.build(info, reps, plan.faults(), scenario.thresholds(),
                dev.otpsim.run.RunChecks.noResult(reps, plan));
        output.writeSummary(summary);
        ReplicationTable.write(output.file(RunOutput.REPLICATIONS), info, reps, plan.faults());
        output.finish(Map.of("replications", Integer.toString(replications)));
        if (options.writeHtml()) {
            RunReport.write(output.dir());
        }
        return new RunResult(output.dir(), summary, null, 0);
    }

    private List<SummaryBuilder.Replication> runAll(Scenario scenario, RunOptions options, RunOutput output)
            throws IOException {
        int n = options.replications();
        int threads = Math.max(1, Math.min(n, options.threads() > 0 ? options.threads()
                : Runtime.getRuntime().availableProcessors()));
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "otpsim-virtual");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<SummaryBuilder.Replication>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int rep = i;
                futures.add(pool.submit(() -> {
                    SummaryBuilder.Replication r = replication(scenario, rep, options, output);
                    int k = done.incrementAndGet();
                    if (options.progress() && n > 1) {
                        synchronized (out) {
                            out.printf(Locale.ROOT, "otpsim: replication %d/%d done (seed %d)%n", k, n, r.seed());
                        }
                    }
                    return r;
                }));
            }
            List<SummaryBuilder.Replication> reps = new ArrayList<>();
            for (Future<SummaryBuilder.Replication> f : futures) {
                reps.add(f.get());
            }
            return reps;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Replication {@code rep}: the raw files of the first (or every one) in its directory. */
    private SummaryBuilder.Replication replication(Scenario scenario, int rep, RunOptions options, RunOutput output)
            throws IOException {
        RunPlan plan = new RunPlan(scenario, RunPlan.replicationSeed(scenario.seed(), rep));
        boolean raw = rep == 0 || options.rawForAll();
        Path dir = rep == 0 ? output.dir() : output.dir().resolve("replications").resolve(String.format("r%03d", rep + 1));
        if (raw && rep > 0) {
            Files.createDirectories(dir);
        }
        try (LedgerLog log = raw ? new LedgerLog(dir.resolve(RunOutput.LEDGER)) : LedgerLog.none()) {
            VirtualRun run = new VirtualRun(plan, raw ? dir : null, log);
            Progress progress = rep == 0 && options.progress() ? new Progress(out, scenario.load().durationMillis())
                    : null;
            SummaryBuilder.Replication r = run.run(progress == null ? t -> { } : progress::update);
            if (progress != null) {
                progress.done();
            }
            return r;
        }
    }

    /** The live line of a virtual run: simulated time, at most every couple of seconds of real time. */
    private static final class Progress {
        private final PrintStream out;
        private final long plannedMillis;
        private long lastPrint = System.nanoTime();

        Progress(PrintStream out, long plannedMillis) {
            this.out = out;
            this.plannedMillis = plannedMillis;
        }

        void update(long simMillis) {
            long now = System.nanoTime();
            if (now - lastPrint > 2_000_000_000L) {
                lastPrint = now;
                synchronized (out) {
                    out.printf(Locale.ROOT, "sim %s of %s%n", dev.otpsim.distribution.Durations.show(simMillis),
                            dev.otpsim.distribution.Durations.show(plannedMillis));
                }
            }
        }

        void done() {
        }
    }
}
