package dev.otpsim.bench;

import dev.otpsim.clock.ScaledClock;
import dev.otpsim.load.GatlingQuiet;
import dev.otpsim.target.OtpService;
import dev.otpsim.target.TargetPolicy;
import dev.otpsim.target.TargetServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@link BaselineSimulation} against a fresh reference target (same policy and time-scale as
 * the bench scenario) and measures CPU per journey over its steady window. What it leaves out is
 * exactly what otpsim adds: people, the ledger and metrics, carriers, the gateway and the target's
 * HTTP hand-over to it.
 */
final class BaselineBench {
    private static final Pattern CODE = Pattern.compile("\\b(\\d{4,8})\\b");
    /**
     * The bench person reacts in two simulated seconds (see {@link BenchScenario}); a code not yet in
     * the map (never, in practice: the target writes it before answering) is looked for every 60 ms.
     */
    private static final long GLANCE_SIM_MS = 60, REACTION_SIM_MS = 2_000;

    private final Path dir;

    BaselineBench(Path dir) {
        this.dir = dir;
    }

    BaselineResult measure(double perSecond, double seconds) throws IOException, InterruptedException {
        ScaledClock clock = ScaledClock.start(BenchScenario.TIME_SCALE);
        // The target's outbox writes into the setup's code map, but the setup needs the target's URL:
        // the outbox reads the setup through this holder, filled before any journey starts.
        BaselineSimulation.Setup[] holder = new BaselineSimulation.Setup[1];
        OtpService service = new OtpService(TargetPolicy.defaults(), clock, (channel, to, body) -> {
            Matcher m = CODE.matcher(body);
            if (m.find()) {
                holder[0].codes().put(to, m.group(1));
            }
            return true;
        }, new SecureRandom());
        TargetServer server = new TargetServer(service, "127.0.0.1", 0).start();
        try {
            BaselineSimulation.Setup setup = new BaselineSimulation.Setup(server.baseUri().toString(), perSecond,
                    seconds, clock.toReal(Duration.ofMillis(GLANCE_SIM_MS)),
                    clock.toReal(Duration.ofMillis(REACTION_SIM_MS)));
            holder[0] = setup;
            BaselineSimulation.install(setup);
            Window w = new Window(setup, seconds);
            Thread watcher = new Thread(w, "otpsim-bench-baseline-probe");
            watcher.setDaemon(true);
            watcher.start();
            runGatling();
            watcher.join(5_000);
            if (w.cpuNanos < 0) {
                throw new IOException("baseline: Gatling ended before its load did");
            }
            return new BaselineResult(perSecond, setup.users().get(), setup.failed().get(), w.ended / w.realSeconds,
                    w.ended == 0 ? 0 : w.cpuNanos / 1e6 / w.ended, w.cpuNanos / 1e9 / w.realSeconds);
        } finally {
            server.close();
        }
    }

    private void runGatling() {
        GatlingQuiet.silence();
        PrintStream console = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream())); // Gatling's console summary
        int code;
        try {
            code = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {"-s", BaselineSimulation.class.getName(),
                "-rf", dir.resolve("baseline").toString(), "-nr"});
        } finally {
            System.setOut(console);
        }
        if (code != 0 && code != 2) {
            throw new IllegalStateException("baseline: Gatling ended with exit code " + code);
        }
    }

    /** First arrival to the end of the load: real time, process CPU, journeys ended. */
    private static final class Window implements Runnable {
        private final BaselineSimulation.Setup setup;
        private final double seconds;
        volatile long cpuNanos = -1;
        volatile long ended;
        volatile double realSeconds;

        Window(BaselineSimulation.Setup setup, double seconds) {
            this.setup = setup;
            this.seconds = seconds;
        }

        @Override
        public void run() {
            try {
                while (setup.firstStartNanos().get() == 0) {
                    Thread.sleep(1);
                }
                long t0 = setup.firstStartNanos().get();
                long cpu0 = ProcessCpu.nanos();
                long ended0 = setup.ended().get();
                long end = t0 + Math.round(seconds * 1e9);
                while (System.nanoTime() < end) {
                    Thread.sleep(2);
                }
                realSeconds = (System.nanoTime() - t0) / 1e9;
                ended = setup.ended().get() - ended0;
                cpuNanos = ProcessCpu.nanos() - cpu0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
