package dev.otpsim.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.ConfigRenderOptions;
import dev.otpsim.carrier.CarrierSpec;
import dev.otpsim.carrier.Carriers;
import dev.otpsim.carrier.DeliveryEvents;
import dev.otpsim.carrier.gateway.CarrierGateway;
import dev.otpsim.carrier.gateway.RecipientPolicy;
import dev.otpsim.carrier.impairment.Capacity;
import dev.otpsim.carrier.impairment.Impairment;
import dev.otpsim.carrier.impairment.Outage;
import dev.otpsim.clock.ScaledClock;
import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handsets;
import dev.otpsim.ledger.Classifier;
import dev.otpsim.ledger.Ledger;
import dev.otpsim.ledger.LedgerLog;
import dev.otpsim.metrics.MetricsSpec;
import dev.otpsim.metrics.RunMetrics;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.metrics.StormDetector;
import dev.otpsim.metrics.SummaryBuilder;
import dev.otpsim.metrics.WindowWriter;
import dev.otpsim.person.JourneyOutcome;
import dev.otpsim.person.Population;
import dev.otpsim.report.RunReport;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.target.HttpGatewayOutbox;
import dev.otpsim.target.LoopbackGuard;
import dev.otpsim.target.OtpService;
import dev.otpsim.target.TargetServer;
import dev.otpsim.target.external.ExternalProtocol;
import dev.otpsim.target.external.ExternalTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * Runs one scenario end to end in this JVM: carriers (Akka), the carrier gateway, the reference
 * target, and the Gatling simulation of people; then writes {@code reports/<run-id>/}.
 *
 * <pre>{@code
 * RunResult r = new RunEngine(System.out).run(ScenarioLoader.load(file), RunOptions.defaults());
 * if (!r.thresholdsPassed()) exit(1);
 * }</pre>
 * Everything it starts is stopped in {@code finally}; results are appended while the run goes,
 * so a killed run still leaves {@code timeseries.csv}, the HdrHistogram logs and {@code ledger.csv}.
 */
public final class RunEngine {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Real-time allowance on top of the longest possible journey, for start-up and drain. */
    private static final long DRAIN_MARGIN_REAL_MILLIS = 10_000;
    /** How often (real) summary.json is rewritten with the figures so far while the run goes. */
    private static final long PARTIAL_SUMMARY_REAL_MILLIS = 5_000;
    /** Warm-up people (a send and a wrong verification each) before simulated time starts. */
    private static final int WARMUP_JOURNEYS = 300;

    private final PrintStream out;

    public RunEngine(PrintStream out) {
        this.out = out;
    }

    public RunResult run(Scenario scenario, RunOptions options) throws IOException {
        refusal(scenario, options.allowedHosts()).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        Path runDir = createRunDir(options.reportsDir(), options.runId() != null ? options.runId()
                : scenario.name() + "-" + now());
        String startedAt = OffsetDateTime.now().toString();
        Files.writeString(runDir.resolve("scenario.conf"), "# " + scenario.file() + " as run (resolved)\n"
                + scenario.raw().root().render(ConfigRenderOptions.defaults().setOriginComments(false)));
        writeRunInfo(runDir, startedAt);

        Set<Channel> channels = channels(scenario);
        Map<Channel, CarrierSpec> specs = new EnumMap<>(Channel.class);
        for (Channel c : channels) {
            specs.put(c, scenario.carriers().getOrDefault(c, CarrierSpec.PERFECT));
        }
        ScaledClock clock = ScaledClock.start(scenario.timeScale());
        Handsets handsets = new Handsets();
        RunMetrics metrics = new RunMetrics(scenario.metrics());
        long wallStart = System.nanoTime();
        Progress progress = new Progress(out, scenario.load().durationMillis());
        long maxJourneyMillis = scenario.people().mix().stream()
                .mapToLong(w -> w.profile().giveUpAfterMillis()).max().orElse(0);
        long maxRealMillis = clock.toReal(java.time.Duration.ofMillis(scenario.load().durationMillis()
                + maxJourneyMillis + 2 * scenario.pollMillis())).toMillis() + DRAIN_MARGIN_REAL_MILLIS;

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "otpsim-windows");
            t.setDaemon(true);
            return t;
        });
        List<AutoCloseable> running = new ArrayList<>();
        try (LedgerLog log = new LedgerLog(runDir.resolve("ledger.csv"))) {
            ExternalTarget external = scenario.external();
            // An external target's code validity is only known if the scenario says it (0 = never "expired").
            long codeTtl = external != null ? external.codeTtl().toMillis() : scenario.policy().codeTtl().toMillis();
            Ledger ledger = new Ledger(new Classifier(codeTtl), metrics, log);
            DeliveryEvents events = Warmup.filter(ledger);
            Carriers carriers = Carriers.start(specs, scenario.seed(), clock, handsets, events);
            running.add(carriers);
            CarrierGateway gateway = CarrierGateway.start(scenario.gateway(), clock, handsets,
                    RecipientPolicy.KNOWN_ONLY, events, Warmup.carriersOnly(carriers::submit));
            running.add(gateway);
            Target target = startTarget(scenario, clock, gateway, running);
            TargetProtocol protocol = target.protocol();

            WindowWriter windows = new WindowWriter(metrics, runDir, channels, carriers::backlog);
            running.add(windows);
            List<RunSummary.CarrierFault> faults = faults(specs);
            List<StormDetector.Trigger> triggers = faults.stream().map(StormDetector.Trigger::of).toList();
            Path summaryFile = runDir.resolve("summary.json");
            BiFunction<Long, Boolean, SummaryBuilder.RunInfo> info = (simMillis, partial) -> new SummaryBuilder.RunInfo(
                    runDir.getFileName().toString(), scenario.name(), scenario.file().toString(), scenario.seed(),
                    scenario.timeScale(), startedAt, simMillis, (System.nanoTime() - wallStart) / 1e9, channels, partial);
            // While the run goes, summary.json holds the figures so far: a killed run keeps them.
            Runnable partialSummary = () -> writeAtomically(summaryFile, SummaryBuilder.build(
                    info.apply(clock.nowMillis(), true), metrics, windows,
                    new StormDetector(scenario.metrics()).detect(windows.windows(), triggers), faults,
                    scenario.thresholds()));
            startTicker(ticker, scenario, clock, windows, log, options.progress() ? progress : null, metrics, ledger,
                    partialSummary);

            RunContext.install(new RunContext(clock, ledger, handsets, scenario.people(), scenario.seed(), protocol,
                    scenario.load(), scenario.pollMillis(), maxRealMillis, target.identities(),
                    // No warm-up traffic to a service of the user's: it gets only the journeys asked for.
                    new AtomicLong(), external != null ? 0 : WARMUP_JOURNEYS));
            if (options.progress()) {
                out.println("otpsim: " + scenario.describe());
                out.println("otpsim: target " + protocol.baseUrl() + (external != null ? " (external)" : "")
                        + ", gateway " + gateway.httpUri()
                        + " (smtp " + gateway.smtpPort() + "), results in " + runDir);
            }
            runGatling(runDir, scenario, !options.progress());
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
                reportUnmatched(runDir, p, options.progress());
            }
            RunSummary summary = SummaryBuilder.build(info.apply(endMillis, false), metrics, windows, storms, faults,
                    scenario.thresholds());
            writeAtomically(summaryFile, summary);
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
     * Why this scenario must not start: its gateway or external target is not on a loopback
     * address and the user did not name that host with {@code --allow-target}. Checked before
     * anything listens or sends.
     */
    public static java.util.Optional<String> refusal(Scenario scenario, java.util.Collection<String> allowedHosts) {
        java.util.Optional<String> gateway = LoopbackGuard.refusal("gateway.host", scenario.gateway().host(),
                allowedHosts, "--allow-target");
        if (gateway.isPresent() || scenario.external() == null) {
            return gateway;
        }
        return LoopbackGuard.refusal("target.external.base-url", scenario.external().host(), allowedHosts,
                "--allow-target");
    }

    /**
     * Writes {@code unmatched-answers.json}: the external target's answers no outcome rule matched
     * (each counted as an error). Always written for an external target, so "none" is visible too.
     */
    private void reportUnmatched(Path runDir, ExternalProtocol protocol, boolean print) throws IOException {
        Map<String, Long> unmatched = protocol.unmatched();
        JSON.writeValue(runDir.resolve("unmatched-answers.json").toFile(), unmatched);
        if (print && !unmatched.isEmpty()) {
            out.println("otpsim: answers no outcome rule matched (counted as error): " + unmatched
                    + " — run `otpsim probe` to see them and extend target.external.outcomes");
        }
    }

    /** How people reach the target, and who they are to it. */
    private record Target(TargetProtocol protocol, LongFunction<TargetProtocol.Identity> identities) {
    }

    /**
     * The embedded reference target (its codes go to the gateway over HTTP, like a real
     * service's), or the user's own service, for which nothing starts here.
     */
    private static Target startTarget(Scenario scenario, ScaledClock clock, CarrierGateway gateway,
                                      List<AutoCloseable> running) throws IOException {
        ExternalTarget external = scenario.external();
        if (external != null) {
            return new Target(new ExternalProtocol(external, scenario.timeScale()), external::identity);
        }
        OtpService service = new OtpService(scenario.policy(), clock, new HttpGatewayOutbox(gateway.httpUri()),
                new SecureRandom());
        TargetServer server = new TargetServer(service, "127.0.0.1", 0).start();
        running.add(server);
        return new Target(new ReferenceProtocol(server.baseUri().toString()), RunContext::referenceIdentity);
    }

    /**
     * Twice a window (real time): close finished windows, flush the ledger, show progress; every
     * few seconds, rewrite summary.json with the figures so far.
     */
    private static void startTicker(ScheduledExecutorService ticker, Scenario scenario, ScaledClock clock,
                                    WindowWriter windows, LedgerLog log, Progress progress, RunMetrics metrics,
                                    Ledger ledger, Runnable partialSummary) {
        long tickMillis = Math.max(20, Math.min(250,
                clock.toReal(java.time.Duration.ofMillis(scenario.metrics().windowMillis())).toMillis() / 2));
        long summaryEvery = Math.max(1, PARTIAL_SUMMARY_REAL_MILLIS / tickMillis);
        AtomicLong ticks = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean firstWindowSummarised = new java.util.concurrent.atomic.AtomicBoolean();
        ticker.scheduleAtFixedRate(() -> {
            if (!clock.started()) {
                return; // simulated time begins with the first arrival
            }
            long now = clock.nowMillis();
            synchronized (windows) {
                windows.closeUpTo(now);
                // Also as soon as the first window closes: a run killed in its first seconds keeps a summary.
                boolean firstWindow = now >= scenario.metrics().windowMillis() && firstWindowSummarised.compareAndSet(false, true);
                if (ticks.incrementAndGet() % summaryEvery == 0 || firstWindow) {
                    partialSummary.run();
                }
            }
            log.flush();
            if (progress != null) {
                progress.update(now, metrics, ledger.running(), false);
            }
        }, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs the simulation in this JVM; Gatling's report goes to {@code <runDir>/gatling/}. */
    private static void runGatling(Path runDir, Scenario scenario, boolean quiet) {
        String[] args = {"-s", OtpSimulation.class.getName(), "-rf", runDir.resolve("gatling").toString(),
            "-rd", scenario.name()};
        GatlingQuiet.skipVersionCheck(io.gatling.commons.util.GatlingVersion$.MODULE$.ThisVersion().fullVersion());
        int code;
        // Gatling prints its console summary straight to System.out; a quiet run (a comparison
        // with its progress bar, a test) does not want it.
        PrintStream console = System.out;
        if (quiet) {
            System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
        }
        try {
            code = io.gatling.app.Gatling$.MODULE$.fromArgs(args);
        } catch (RuntimeException | AssertionError e) {
            throw new IllegalStateException("Gatling failed: " + e.getMessage(), e);
        } finally {
            System.setOut(console);
        }
        // 2 means Gatling's own assertions failed; otpsim sets none, its thresholds are judged after.
        if (code != 0 && code != 2) {
            throw new IllegalStateException("Gatling ended with exit code " + code);
        }
    }

    private static Path gatlingReport(Path runDir) throws IOException {
        Path g = runDir.resolve("gatling");
        if (!Files.isDirectory(g)) {
            return null;
        }
        try (Stream<Path> s = Files.list(g)) {
            return s.map(p -> p.resolve("index.html")).filter(Files::isRegularFile).findFirst().orElse(null);
        }
    }

    /** Channels people start on or fall back to, plus those the scenario configures. */
    static Set<Channel> channels(Scenario s) {
        Set<Channel> c = EnumSet.noneOf(Channel.class);
        c.addAll(s.people().channels());
        c.addAll(s.carriers().keySet());
        return c;
    }

    /** Outage windows and capacity drops: the triggers a retry storm may outlive. */
    static List<RunSummary.CarrierFault> faults(Map<Channel, CarrierSpec> specs) {
        List<RunSummary.CarrierFault> t = new ArrayList<>();
        specs.forEach((channel, spec) -> {
            for (Impairment i : spec.impairments()) {
                if (i instanceof Outage o) {
                    t.add(new RunSummary.CarrierFault(channel.id(), "outage-" + o.mode().id(), o.startMillis(),
                            o.endMillis()));
                } else if (i instanceof Capacity c) {
                    c.drops().forEach(d -> t.add(new RunSummary.CarrierFault(channel.id(), "capacity-drop",
                            d.startMillis(), d.endMillis())));
                }
            }
        });
        return t;
    }

    /** Local time as used in the names of run, comparison and bench directories: {@code yyyyMMdd-HHmmss}. */
    public static String now() {
        return LocalDateTime.now().format(DIR_TIME);
    }

    private static final DateTimeFormatter DIR_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** Writes next to the file and moves it in place: a reader (or a kill) never sees half a summary. */
    private static void writeAtomically(Path file, RunSummary summary) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), summary);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Path createRunDir(Path parent, String id) throws IOException {
        Files.createDirectories(parent);
        Path dir = parent.resolve(id);
        for (int n = 2; Files.exists(dir); n++) {
            dir = parent.resolve(id + "-" + n);
        }
        return Files.createDirectories(dir);
    }

    private static void writeRunInfo(Path runDir, String startedAt) throws IOException {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("otpsim", version("dev.otpsim", "otpsim"));
        info.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        info.put("gatling", io.gatling.commons.util.GatlingVersion$.MODULE$.ThisVersion().fullVersion());
        info.put("akka", akka.Version.current());
        info.put("hdrhistogram", version("org.hdrhistogram", "HdrHistogram"));
        info.put("jfreechart", version("org.jfree", "jfreechart"));
        info.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        info.put("startedAt", startedAt);
        info.put("commandLine", System.getProperty("sun.java.command", ""));
        JSON.writeValue(runDir.resolve("run-info.json").toFile(), info);
    }

    /** A library's version from the pom.properties Maven puts in its jar (kept by the shaded jar too). */
    public static String version(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (var in = RunEngine.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
