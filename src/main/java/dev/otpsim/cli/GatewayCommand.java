package dev.otpsim.cli;

import com.typesafe.config.Config;
import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.carrier.CarrierSpec;
import dev.otpsim.carrier.CarrierSpecs;
import dev.otpsim.carrier.Carriers;
import dev.otpsim.carrier.DeliveryEvents;
import dev.otpsim.carrier.impairment.LossReason;
import dev.otpsim.carrier.gateway.CarrierGateway;
import dev.otpsim.carrier.gateway.GatewaySpec;
import dev.otpsim.carrier.gateway.RecipientPolicy;
import dev.otpsim.clock.ScaledClock;
import dev.otpsim.clock.SimClock;
import dev.otpsim.distribution.Durations;
import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handsets;
import dev.otpsim.config.Problems;
import dev.otpsim.config.ScenarioException;
import dev.otpsim.config.ScenarioFiles;
import dev.otpsim.config.Section;
import dev.otpsim.http.LoopbackGuard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code otpsim gateway --carriers <file>}: the carrier gateway and carriers alone, for a service
 * under development to send its codes to, and people or tools to read them from
 * {@code GET /handsets/{to}}. Every address gets a handset on its first message.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = {"Serve the carrier gateway alone (HTTP and SMTP) with the carriers of a file, until Ctrl-C.",
            "The file holds carriers { ... } and optionally gateway { ... }; a scenario file works too."})
final class GatewayCommand implements Callable<Integer> {

    @Option(names = "--carriers", required = true, paramLabel = "FILE",
            description = "HOCON file with carriers { sms {...}, email {...}, voice {...} } and optional gateway {...}")
    Path file;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: gateway.port, else any free port)")
    Integer port;

    @Option(names = "--smtp-port", paramLabel = "PORT",
            description = "SMTP port (default: gateway.smtp-port, else any free port)")
    Integer smtpPort;

    @Option(names = "--seed", description = "seed of every carrier decision (default: the file's seed, else 1)")
    Long seed;

    @Option(names = "--time-scale", defaultValue = "1", paramLabel = "X",
            description = "simulated seconds per real second (default ${DEFAULT-VALUE})")
    double timeScale;

    @Option(names = "--allow-host", paramLabel = "HOST",
            description = "allow gateway.host to be this non-loopback host (repeatable)")
    List<String> allowedHosts = new ArrayList<>();

    @Option(names = {"-v", "--verbose"}, description = "print every message issued, delivered and lost")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Running running;
        try {
            running = start(out);
        } catch (ScenarioException e) {
            err.println(e.report(file));
            err.flush();
            return Main.BAD_INPUT;
        } catch (IllegalArgumentException | IOException e) {
            err.println("otpsim gateway: " + e.getMessage());
            err.flush();
            return Main.BAD_INPUT;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "gateway-shutdown"));
        stopped.await();
        return Main.OK;
    }

    /** Reads the file, starts carriers and gateway, prints where they listen. */
    Running start(PrintWriter out) throws IOException {
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("--time-scale must be a positive number, got " + timeScale);
        }
        Config config = ScenarioFiles.parse(file);
        Problems problems = new Problems();
        Section root = Section.root(config, problems);
        // The rest of a scenario file (people, target, ...) belongs to other readers: not checked here.
        Map<Channel, CarrierSpec> carriers = CarrierSpecs.read(root.section("carriers"));
        GatewaySpec gateway = root.optionalSection("gateway").map(GatewaySpec::read).orElse(GatewaySpec.DEFAULTS);
        long runSeed = seed != null ? seed : root.integer("seed", 1L, Long.MIN_VALUE, Long.MAX_VALUE);
        problems.throwIfAny();
        gateway = gateway.withPorts(port != null ? port : gateway.port(), smtpPort != null ? smtpPort : gateway.smtpPort());
        if (gateway.port() != 0 && gateway.port() == gateway.smtpPort()) {
            throw new IllegalArgumentException("HTTP and SMTP cannot both listen on port " + gateway.port()
                    + " (--port/gateway.port and --smtp-port/gateway.smtp-port); give two ports, or 0 for any free one");
        }
        Optional<String> refusal = LoopbackGuard.refusal("gateway.host", gateway.host(), allowedHosts);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException(refusal.get());
        }

        SimClock clock = ScaledClock.start(timeScale);
        Handsets handsets = new Handsets();
        DeliveryEvents events = verbose ? new ConsoleEvents(out) : DeliveryEvents.NONE;
        Carriers network = Carriers.start(carriers, runSeed, clock, handsets, events);
        CarrierGateway served;
        try {
            served = CarrierGateway.start(gateway, clock, handsets, RecipientPolicy.REGISTER_ANY, events,
                    network::submit);
        } catch (IOException | RuntimeException e) {
            network.close();
            throw new IOException("cannot listen on " + gateway.host() + ": " + e.getMessage(), e);
        }
        out.println("otpsim gateway — seed " + runSeed + ", time-scale " + timeScale);
        out.println("  HTTP  " + served.httpUri() + "   POST /messages · POST /2010-04-01/Accounts/{sid}/Messages.json"
                + " · GET /handsets/{to}");
        out.println("  SMTP  " + gateway.host() + ":" + served.smtpPort() + "   (email channel)");
        for (Map.Entry<Channel, CarrierSpec> c : network.specs().entrySet()) {
            out.println("  " + String.format("%-6s", c.getKey().id()) + c.getValue().describe());
        }
        out.println("Ctrl-C to stop.");
        out.flush();
        return new Running(network, served);
    }

    /** What {@link #start} left running. */
    record Running(Carriers carriers, CarrierGateway gateway) implements AutoCloseable {
        @Override
        public void close() {
            try {
                gateway.close();
            } finally {
                carriers.close();
            }
        }
    }

    /** One line per event, for watching the gateway by hand. */
    private static final class ConsoleEvents implements DeliveryEvents {
        private final PrintWriter out;

        ConsoleEvents(PrintWriter out) {
            this.out = out;
        }

        private synchronized void line(String s) {
            out.println(s);
            out.flush();
        }

        public void issued(CarrierMessage m) {
            line("issued    #" + m.id() + " " + m.channel() + " to " + m.to() + " code " + m.code() + " at "
                    + Durations.show(m.issuedAtMillis()));
        }

        public void delivered(CarrierMessage m, long visibleAtMillis, boolean duplicate, long lateMillis) {
            line("delivered #" + m.id() + (duplicate ? " (duplicate)" : "") + " after "
                    + Durations.show(visibleAtMillis - m.issuedAtMillis()));
        }

        public void lost(CarrierMessage m, LossReason reason, long atMillis) {
            line("lost      #" + m.id() + " " + reason.id());
        }

        public void duplicated(CarrierMessage m, long atMillis) {
            line("duplicate #" + m.id() + " due at " + Durations.show(atMillis));
        }

        public void unknownRecipient(CarrierMessage m) {
            line("unknown   #" + m.id() + " " + m.to());
        }
    }
}
