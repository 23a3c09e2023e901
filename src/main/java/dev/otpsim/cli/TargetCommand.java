package dev.otpsim.cli;

import dev.otpsim.clock.ScaledClock;
import dev.otpsim.config.Problems;
import dev.otpsim.config.ScenarioException;
import dev.otpsim.config.ScenarioFiles;
import dev.otpsim.config.Section;
import dev.otpsim.target.HttpGatewayOutbox;
import dev.otpsim.http.LoopbackGuard;
import dev.otpsim.target.OtpService;
import dev.otpsim.target.TargetPolicy;
import dev.otpsim.target.TargetServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code otpsim target}: serves the reference OTP target alone, e.g. to try the contract with
 * curl or to point another load tool at it.
 */
@Command(name = "target", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Serve the reference OTP target alone: POST /otp/send {\"user\",\"channel\"} and "
                + "POST /otp/verify {\"user\",\"code\"}, handing each code to the carrier gateway "
                + "(POST <gateway>/messages {\"channel\",\"to\",\"body\"}). Runs until Ctrl-C.",
            "",
            "The policy file is HOCON whose top level holds the policy keys, all optional:",
            "  code-length = 6            # digits, 4..10",
            "  code-ttl = 10m",
            "  rotation = latest-only     # latest-only | any-unexpired | same-code",
            "  resend-cooldown = 30s",
            "  max-sends = 5",
            "  max-sends-window = 10m",
            "  max-attempts = 5",
            "  lockout = 30m",
            "  attempts-reset-on-resend = false",
            "(the values shown are the defaults). Exit 2 on a bad policy or options.",
            ""
        })
final class TargetCommand implements Callable<Integer> {

    @Option(names = "--policy", paramLabel = "FILE", description = "HOCON policy file (see above); defaults when absent")
    Path policyFile;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "port to listen on, 0 = any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = TargetServer.DEFAULT_HOST,
            description = "address to listen on (default: ${DEFAULT-VALUE}); a non-loopback one needs --allow-host")
    String host;

    @Option(names = "--gateway", paramLabel = "URL", defaultValue = "http://127.0.0.1:8025",
            description = "carrier gateway base URL (default: ${DEFAULT-VALUE}); a non-loopback host needs --allow-host")
    String gateway;

    @Option(names = "--allow-host", paramLabel = "HOST", description = "allow this non-loopback host for --host or --gateway (repeatable)")
    List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--time-scale", paramLabel = "X", defaultValue = "1",
            description = "simulated seconds per real second for the policy's durations (default: ${DEFAULT-VALUE})")
    double timeScale;

    @Option(names = "--threads", paramLabel = "N", description = "request threads (default: 2 per core, at least 4)")
    Integer threads;

    /** The pieces of a started target, for the caller to close. */
    record Running(TargetServer server, HttpGatewayOutbox outbox, OtpService service) {
    }

    @Override
    public Integer call() {
        Running running;
        try {
            running = start(System.out, System.err);
        } catch (BadInput e) {
            System.err.println(e.getMessage());
            return Main.BAD_INPUT;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.server().close();
            running.outbox().close();
            System.out.println("otpsim target stopped; codes handed to the gateway: " + running.outbox().handedOver()
                    + ", of which failed: " + running.outbox().failures()
                    + (running.outbox().failures() == 0 ? "" : " " + running.outbox().failedHandOvers())
                    + "; sends refused with 503 (hand-over queue full): " + running.outbox().refused());
            stopped.countDown();
        }, "otpsim-target-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }

    /** Validates the options, loads the policy and starts serving; {@link BadInput} says what is wrong. */
    Running start(PrintStream out, PrintStream err) throws BadInput {
        if (!(timeScale > 0) || timeScale > 100_000) {
            throw new BadInput("otpsim target: --time-scale must be a number in (0, 100000], got " + timeScale);
        }
        if (threads != null && threads < 1) {
            throw new BadInput("otpsim target: --threads must be at least 1, got " + threads);
        }
        TargetPolicy policy = loadPolicy();
        refuse(LoopbackGuard.refusal("--host", host, allowedHosts));
        URI gatewayUri = gatewayUri();
        refuse(LoopbackGuard.refusal("--gateway", gatewayUri.getHost(), allowedHosts));

        HttpGatewayOutbox outbox = new HttpGatewayOutbox(gatewayUri, HttpGatewayOutbox.defaultClient(),
                warning -> err.println("otpsim target: " + warning));
        // Authenticator apps on real phones read the wall clock.
        OtpService service = new OtpService(policy, ScaledClock.start(timeScale), outbox, new SecureRandom(),
                dev.otpsim.target.TotpEnrolments.NONE, dev.otpsim.totp.TotpClock.wallClock());
        TargetServer server = new TargetServer(service, host, port,
                threads == null ? TargetServer.DEFAULT_THREADS : threads);
        try {
            server.start();
        } catch (BindException e) {
            throw new BadInput("otpsim target: cannot listen on " + host + ":" + port + ": " + e.getMessage());
        } catch (IOException e) {
            throw new BadInput("otpsim target: cannot listen on " + host + ":" + port + ": " + e);
        }
        out.println("otpsim target listening on " + server.baseUri() + " (POST /otp/send, POST /otp/verify, "
                + "POST /otp/enrol)");
        out.println("  policy: " + policy.describe() + (timeScale == 1 ? "" : "; time-scale " + timeScale));
        if (timeScale != 1) {
            // Codes of an enrolled app follow the service's scaled clock: a real phone reads the wall clock.
            out.println("  authenticator codes (POST /otp/enrol) follow the scaled clock: a real phone's app matches"
                    + " only at --time-scale 1");
        }
        out.println("  codes go to " + outbox.messagesUri());
        out.println("  Ctrl-C to stop");
        return new Running(server, outbox, service);
    }

    private TargetPolicy loadPolicy() throws BadInput {
        if (policyFile == null) {
            return TargetPolicy.defaults();
        }
        try {
            Problems problems = new Problems();
            TargetPolicy policy = TargetPolicy.read(Section.root(ScenarioFiles.parse(policyFile), problems));
            problems.throwIfAny();
            return policy;
        } catch (ScenarioException e) {
            throw new BadInput(e.report(policyFile + " (policy)"));
        }
    }

    private URI gatewayUri() throws BadInput {
        try {
            URI uri = new URI(gateway);
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
                throw new BadInput("otpsim target: --gateway must be an http://host:port URL, got " + gateway);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new BadInput("otpsim target: --gateway is not a URL: " + e.getMessage());
        }
    }

    private static void refuse(Optional<String> refusal) throws BadInput {
        if (refusal.isPresent()) {
            throw new BadInput("otpsim target: refusing " + refusal.get());
        }
    }

    /** A user mistake, told in one or a few lines; exit code 2. */
    static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message, null, false, false);
        }
    }
}
