package dev.otpsim.load;

import dev.otpsim.carrier.Carriers;
import dev.otpsim.carrier.DeliveryEvents;
import dev.otpsim.carrier.gateway.CarrierGateway;
import dev.otpsim.carrier.gateway.RecipientPolicy;
import dev.otpsim.clock.ScaledClock;
import dev.otpsim.handset.Handsets;
import dev.otpsim.ledger.Classifier;
import dev.otpsim.ledger.Ledger;
import dev.otpsim.ledger.LedgerLog;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.metrics.RunMetrics;
import dev.otpsim.metrics.StormDetector;
import dev.otpsim.metrics.SummaryBuilder;
import dev.otpsim.metrics.WindowWriter;
import dev.otpsim.person.JourneyOutcome;
import dev.otpsim.report.RunReport;
import dev.otpsim.run.InProcessHandOver;
import dev.otpsim.run.RunChecks;
import dev.otpsim.run.RunOptions;
import dev.otpsim.run.RunOutput;
import dev.otpsim.run.RunPlan;
import dev.otpsim.run.RunResult;
import dev.otpsim.run.TargetTraffic;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.target.OtpService;
import dev.otpsim.target.ReferenceProtocol;
import dev.otpsim.target.Rotation;
import dev.otpsim.target.TargetProtocol;
import dev.otpsim.target.TargetServer;
import dev.otpsim.target.external.ExternalProtocol;
import dev.otpsim.target.external.ExternalTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Runs one scenario in scaled real time in this JVM: carriers (Akka), the carrier gateway, the
 * reference target (or the user's own service), and the Gatling simulation of people; then
 * writes {@code reports/<run-id>/}. The load harness, and the only engine for an external target.
 *
 * <pre>{@code
 * RunResult r = new GatlingEngine(System.out).run(ScenarioLoader.load(file), RunOptions.defaults());
 * System.exit(r.exitCode());
 * }</pre>
 * Everything it starts is stopped in {@code finally}; results are appended while the run goes,
 * so a killed run still leaves {@code timeseries.csv}, the HdrHistogram logs and {@code ledger.csv}.
 * Real lag is multiplied by the time-scale: a run whose harness lagged beyond tolerance is marked
 * invalid (exit 4) rather than passed off as a result.
 */
public final class GatlingEngine {
    /** Real-time allowance on top of the longest possible journey, for start-up and drain. */
    private static final long DRAIN_MARGIN_REAL_MILLIS = 10_000;
    /** How often (real) summary.json is rewritten with the figures so far while the run goes. */
    private static final long PARTIAL_SUMMARY_REAL_MILLIS = 5_000;

    private final PrintStream out;

    public GatlingEngine(PrintStream out) {
        this.out = out;
    }

    public RunResult run(Scenario requested, RunOptions options) throws IOException {
        RunPlan.refusal(requested, options.allowedHosts()).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        RunOutput output = RunOutput.create(options.reportsDir(), options.runId(), requested, RunSummary.GATLING);
        Path runDir = output.dir();
        TimeScaleCalibration.Result calibration = null;
        if (requested.autoTimeScale()) {
            if (options.progress()) {
                out.println("otpsim: time-scale = auto: measuring the highest this machine sustains...");
            }
            calibration = TimeScaleCalibration.run(requested, runDir.resolve(RunOutput.GATLING));
            if (options.progress()) {
                out.println("otpsim: time-scale = auto: " + TimeScaleCalibration.describe(calibration));
            }
        }
        Scenario scenario = calibration == null ? requested : requested.withTimeScale(calibration.timeScale());
        RunPlan plan = new RunPlan(scenario, scenario.seed());
        ScaledClock clock = ScaledClock.start(scenario.timeScale());
        AtomicLong journeyCounter = new AtomicLong();
        HarnessWatch watch = new HarnessWatch();
        // The embedded target's people can be told from strangers by their id: retired handsets go.
        Handsets handsets = plan.externalTarget() ? new Handsets()
                : Handsets.forgettingRetired(a -> RunPlan.isReferencePerson(a, journeyCounter.get()));
        RunMetrics metrics = new RunMetrics(scenario.metrics(), plan.channels());
        Progress progress = new Progress(out, scenario.load().durationMillis());
        long maxJourneyMillis = scenario.people().longestGiveUpMillis();
        long maxRealMillis = clock.toReal(java.time.Duration.ofMillis(scenario.load().durationMillis()
                + maxJourneyMillis + 2 * scenario.pollMillis())).toMillis() + DRAIN_MARGIN_REAL_MILLIS;

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "otpsim-windows");
            t.setDaemon(true);
            return t;
        });
        List<AutoCloseable> running = new ArrayList<>();
        try {
            // First in, so closed last: carriers, gateway and target stop before it, and no late
            // delivery is written to a closed file.
            LedgerLog log = new LedgerLog(output.file(RunOutput.LEDGER));
            running.add(log);
            ExternalTarget external = scenario.external();
            boolean latestOnly = external != null ? external.expectsLatestOnly()
                    : scenario.policy().rotation() == Rotation.LATEST_ONLY;
            Ledger ledger = new Ledger(new Classifier(plan.codeTtlMillis(), latestOnly), metrics, log);
            DeliveryEvents events = watch.watching(DeliveryEvents.filter(m -> !Warmup.isWarmUp(m.to()), ledger),
                    scenario.timeScale());
            Carriers carriers = Carriers.start(plan.carrierSpecs(), plan.seed(), clock, handsets, events);
            running.add(carriers);
            CarrierGateway gateway = CarrierGateway.start(scenario.gateway(), clock, handsets,
                    RecipientPolicy.KNOWN_ONLY, events, Warmup.carriersOnly(carriers::submit));
            running.add(gateway);
            TargetProtocol protocol = startTarget(scenario, clock, gateway, running, plan);
            TargetTraffic traffic = new TargetTraffic(); // requests with no answer, by reason: a dead target named

            WindowWriter windows = new WindowWriter(metrics, runDir, carriers::backlog, System.currentTimeMillis());
            running.add(windows);
            List<StormDetector.Trigger> triggers = plan.faults().stream().map(StormDetector.Trigger::of).toList();
            SummaryBuilder.RunInfo info = new SummaryBuilder.RunInfo(scenario.name(), scenario.file().toString(),
                    RunSummary.GATLING, scenario.seed(), scenario.timeScale(), plan.channels(), false, scenario.recovery());
            SummaryBuilder.RunInfo partialInfo = new SummaryBuilder.RunInfo(scenario.name(), scenario.file().toString(),
                    RunSummary.GATLING, scenario.seed(), scenario.timeScale(), plan.channels(), true, scenario.recovery());
            // While the run goes, summary.json holds the figures so far: a killed run keeps them.
            Runnable partialSummary = () -> output.writeSummary(SummaryBuilder.build(partialInfo,
                    new SummaryBuilder.Replication(plan.seed(), metrics.totals(), clock.nowMillis(),
                            new StormDetector(scenario.metrics()).detect(windows.windows(), triggers)),
                    plan.faults(), scenario.thresholds(), List.of()).withGatewayRefusals(gateway.refusals().snapshot()));
            startTicker(ticker, scenario, clock, windows, log, options.progress() ? progress : null, metrics, ledger,
                    partialSummary);
            // An external target's slowness is its own, not the harness's: its run is judged at the end only.
            CapacityGuard guard = null;
            if (external == null) {
                CapacityGuard.Running checking = CapacityGuard.start(clock, watch, metrics);
                running.add(checking);
                guard = checking.guard();
            }

            RunContext.install(new RunContext(clock, plan, ledger, handsets, metrics, traffic.counting(protocol),
                    scenario.load(),
                    // People wake on announced arrivals; only an external target's codes come unannounced.
                    external != null ? scenario.pollMillis() : 0, maxRealMillis, journeyCounter,
                    // No warm-up traffic to a service of the user's: it gets only the journeys asked for.
                    external != null || !options.warmUp() ? 0 : Warmup.journeys(scenario.load(), scenario.timeScale()),
                    watch));
            if (options.progress()) {
                out.println("otpsim: " + scenario.describe());
                out.println("otpsim: engine gatling (scaled real time); target " + protocol.baseUrl()
                        + (external != null ? " (external)" : "") + ", gateway " + gateway.httpUri()
                        + " (smtp " + gateway.smtpPort() + "), results in " + runDir);
            }
            try (GatlingFailures failures = GatlingFailures.attach(traffic)) {
                GatlingLauncher.run(runDir.resolve(RunOutput.GATLING), scenario.name(), !options.progress(),
                        !options.writeHtml(), watch::loadStopped);
            }
            ticker.shutdown();
            ticker.awaitTermination(5, TimeUnit.SECONDS);

            long endMillis = Math.max(clock.nowMillis(), 1);
            long cutOff = ledger.endAll(JourneyOutcome.ERROR, endMillis);
            if (options.progress()) {
                progress.update(endMillis, metrics, 0, true);
                progress.done();
                if (cutOff > 0) {
                    out.println("otpsim: " + cutOff + " journeys were still running when the run's time bound ended;"
                            + " counted as error");
                }
            }
            List<RunSummary.Storm> storms;
            synchronized (windows) {
                storms = windows.finish(endMillis, triggers);
            }
            if (protocol instanceof ExternalProtocol p) {
                RunOutput.writeJson(output.file(RunOutput.UNMATCHED), new java.util.TreeMap<>(p.unmatched()));
            }
            List<SummaryBuilder.Replication> reps = List.of(
                    new SummaryBuilder.Replication(plan.seed(), metrics.totals(), endMillis, storms));
            List<dev.otpsim.carrier.gateway.GatewayRefusals.Refusal> refused = gateway.refusals().snapshot();
            List<RunSummary.RunProblem> problems = new ArrayList<>(RunChecks.noResult(reps, plan, traffic.snapshot(), refused));
            if (guard != null && guard.overCapacity()) {
                problems.add(guard.problem());
            }
            RunSummary summary = SummaryBuilder.build(info, reps, plan.faults(), scenario.thresholds(), problems)
                    .withGatewayRefusals(refused);
            output.writeSummary(summary);
            dev.otpsim.metrics.ReplicationTable.write(output.file(RunOutput.REPLICATIONS), info, reps, plan.faults());
            Map<String, Object> facts = new java.util.LinkedHashMap<>();
            facts.put("timeScale", Double.toString(scenario.timeScale()));
            if (calibration != null) {
                facts.put("timeScaleAuto", calibration.facts());
            }
            facts.put("harness", harnessFacts(watch));
            output.finish(facts);
            if (options.writeHtml()) {
                RunReport.write(runDir);
            }
            return new RunResult(runDir, summary, gatlingReport(runDir), cutOff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            ticker.shutdownNow();
            RunContext.clear();
            for (int i = running.size() - 1; i >= 0; i--) {
                try {
                    running.get(i).close();
                } catch (Exception e) {
                    out.println("otpsim: while stopping: " + e.getMessage());
                }
            }
        }
    }

    /**
     * The embedded reference target (its codes go straight to the gateway's intake, in the call
     * that issues them), or the user's own service, for which nothing starts here.
     */
    private static TargetProtocol startTarget(Scenario scenario, ScaledClock clock, CarrierGateway gateway,
                                              List<AutoCloseable> running, RunPlan plan) throws IOException {
        ExternalTarget external = scenario.external();
        if (external != null) {
            return new ExternalProtocol(external, scenario.timeScale());
        }
        OtpService service = new OtpService(scenario.policy(), clock, new InProcessHandOver(gateway.intake()),
                new SecureRandom(), plan.enrolments(), plan.totpClock());
        TargetServer server = new TargetServer(service, "127.0.0.1", 0).start();
        running.add(server);
        return new ReferenceProtocol(server.baseUri().toString());
    }

    /**
     * Twice a window (real time): close finished windows, flush the ledger, show progress; every
     * few seconds, and as soon as the first window closes, rewrite summary.json with the figures so far.
     */
    private static void startTicker(ScheduledExecutorService ticker, Scenario scenario, ScaledClock clock,
                                    WindowWriter windows, LedgerLog log, Progress progress, RunMetrics metrics,
                                    Ledger ledger, Runnable partialSummary) {
        long tickMillis = Math.max(20, Math.min(250,
                clock.toReal(java.time.Duration.ofMillis(scenario.metrics().windowMillis())).toMillis() / 2));
        long summaryEvery = Math.max(1, PARTIAL_SUMMARY_REAL_MILLIS / tickMillis);
        AtomicLong ticks = new AtomicLong();
        ticker.scheduleAtFixedRate(() -> {
            if (!clock.started()) {
                return; // simulated time begins with the first arrival
            }
            long now = clock.nowMillis();
            synchronized (windows) {
                int before = windows.closedWindows();
                windows.closeUpTo(now);
                if (ticks.incrementAndGet() % summaryEvery == 0 || (before == 0 && windows.closedWindows() > 0)) {
                    partialSummary.run();
                }
            }
            log.flush();
            if (progress != null) {
                progress.update(now, metrics, ledger.running(), false);
            }
        }, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    /** The harness's own figures for run-info.json: how often people woke, and why. */
    private static Map<String, Object> harnessFacts(HarnessWatch watch) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("journeysEnded", watch.journeysEnded());
        m.put("wakeUps", watch.pauses());
        m.put("lateRechecks", watch.lateRechecks());
        m.put("wakeUpsPerJourney", Math.round(watch.wakeUpsPerJourney() * 100) / 100.0);
        m.put("requestsWaitingForAConnection", watch.gateWaits());
        return m;
    }

    private static Path gatlingReport(Path runDir) throws IOException {
        Path g = runDir.resolve(RunOutput.GATLING);
        if (!Files.isDirectory(g)) {
            return null;
        }
        try (Stream<Path> s = Files.list(g)) {
            return s.map(p -> p.resolve("index.html")).filter(Files::isRegularFile).findFirst().orElse(null);
        }
    }
}
