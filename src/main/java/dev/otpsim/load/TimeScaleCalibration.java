package dev.otpsim.load;

import dev.otpsim.clock.ScaledClock;
import dev.otpsim.metrics.SummaryBuilder;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.target.OtpService;
import dev.otpsim.target.TargetPolicy;
import dev.otpsim.target.TargetServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * {@code time-scale = auto}: the highest time-scale this machine sustains for a scenario, measured
 * before the run, as the first part of its warm-up (after {@link #WARMUP_JOURNEYS} unmeasured
 * journeys for the JIT). Real lag is multiplied by the time-scale, so
 * the question is how late the harness answers at the real rate each scale would bring: for each
 * candidate, lowest first, a step of {@link #STEP_MILLIS} offers {@link #RATE_MARGIN} × the
 * scenario's peak rate × the candidate in journeys per real second (the warm-up's send and wrong
 * verification, against a reference target of its own) and times every answer. A candidate passes
 * when that p99 × the candidate stays within a quarter of the run's lag tolerance
 * ({@link SummaryBuilder#HARNESS_LAG_LIMIT_MS}): the run itself has carriers, people and a ledger
 * on top, and the machine may get busier. The first step that fails ends the calibration; the
 * highest candidate passed is the scale (1 if none did).
 *
 * <pre>{@code
 * TimeScaleCalibration.Result r = TimeScaleCalibration.run(scenario, runDir.resolve("gatling"));
 * scenario = scenario.withTimeScale(r.timeScale());
 * }</pre>
 */
public final class TimeScaleCalibration {
    /** Candidates, lowest first. */
    static final double[] CANDIDATES = {10, 30, 60, 120, 200, 300, 600, 1000};
    /** The scale when even the lowest candidate fell behind. */
    static final double FALLBACK = 1;
    static final long STEP_MILLIS = 1_000;
    /** Unmeasured journeys first, for class loading and the JIT, over this long. */
    static final int WARMUP_JOURNEYS = 600;
    static final long WARMUP_MILLIS = 3_000;
    /** Calibration journeys are lighter than the run's: offer more of them. */
    static final double RATE_MARGIN = 1.5;
    /** Fewer journeys per second than this would give a p99 of a handful of answers. */
    static final double MIN_RATE = 50;
    /** Above this no 2-core machine keeps up anyway; the step says so without a flood. */
    static final double MAX_RATE = 5_000;
    /** Lag allowed at p99, simulated ms: a quarter of the run's tolerance. */
    static final double BUDGET_SIM_MILLIS = SummaryBuilder.HARNESS_LAG_LIMIT_MS / 4.0;

    private TimeScaleCalibration() {
    }

    /** One candidate's step: its scale, the real rate offered, the answers' p99 (real ms), and whether it passed. */
    public record Step(double timeScale, double offeredPerSecond, long answers, double p99Millis, boolean passed) {
    }

    /** The chosen scale and every step run. */
    public record Result(double timeScale, List<Step> steps) {
        /** The facts run-info.json records. */
        public java.util.Map<String, Object> facts() {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("chosen", timeScale);
            m.put("budgetSimulatedMs", BUDGET_SIM_MILLIS);
            m.put("steps", steps);
            return m;
        }
    }

    /** The steps' plan and their measurements, shared with {@link CalibrationSimulation}. */
    static final class Steps {
        private final String baseUrl;
        private final double[] scales;
        private final double[] rates;
        private final Histogram[] nanos;

        Steps(String baseUrl, double peakSimRate) {
            this.baseUrl = baseUrl;
            this.scales = CANDIDATES.clone();
            this.rates = new double[scales.length];
            this.nanos = new Histogram[scales.length];
            for (int i = 0; i < scales.length; i++) {
                rates[i] = rateFor(peakSimRate, scales[i]);
                nanos[i] = new Histogram(3_600_000_000_000L, 2);
            }
        }

        int size() {
            return scales.length;
        }

        String baseUrl() {
            return baseUrl;
        }

        double scale(int i) {
            return scales[i];
        }

        double rate(int i) {
            return rates[i];
        }

        void record(int step, long nanosTaken) {
            Histogram h = nanos[step];
            synchronized (h) {
                h.recordValue(Math.max(0, Math.min(nanosTaken, h.getHighestTrackableValue())));
            }
        }

        /** Whether a step before {@code step} fell behind (then this one is not worth running). */
        boolean fellBehindBefore(int step) {
            for (int i = 0; i < step; i++) {
                if (!passed(i)) {
                    return true;
                }
            }
            return false;
        }

        boolean ran(int i) {
            synchronized (nanos[i]) {
                return nanos[i].getTotalCount() > 0;
            }
        }

        double p99Millis(int i) {
            synchronized (nanos[i]) {
                return nanos[i].getValueAtPercentile(99) / 1e6;
            }
        }

        long answers(int i) {
            synchronized (nanos[i]) {
                return nanos[i].getTotalCount();
            }
        }

        boolean passed(int i) {
            return ran(i) && passes(p99Millis(i), scales[i]);
        }
    }

    /** Whether a real p99 lag at a time-scale stays within the budget. */
    static boolean passes(double p99RealMillis, double timeScale) {
        return p99RealMillis * timeScale <= BUDGET_SIM_MILLIS;
    }

    /** Journeys per real second a step offers for a peak simulated rate at a time-scale. */
    static double rateFor(double peakSimRate, double timeScale) {
        return Math.max(MIN_RATE, Math.min(MAX_RATE, RATE_MARGIN * peakSimRate * timeScale));
    }

    /** The highest scale passed with every lower one passed too; {@link #FALLBACK} if none. */
    static double choose(List<Step> steps) {
        double chosen = FALLBACK;
        for (Step s : steps) {
            if (!s.passed()) {
                break;
            }
            chosen = s.timeScale();
        }
        return chosen;
    }

    /**
     * Runs the calibration for {@code scenario} (the embedded target only).
     *
     * @param resultsDir where Gatling puts its calibration folder
     */
    public static Result run(Scenario scenario, Path resultsDir) throws IOException {
        double peak = Warmup.peakRealRate(scenario.load(), 1);
        ScaledClock clock = ScaledClock.start(1);
        OtpService service = new OtpService(TargetPolicy.defaults(), clock, (channel, to, body) -> true,
                new SecureRandom());
        Steps steps;
        try (TargetServer server = new TargetServer(service, "127.0.0.1", 0).start()) {
            steps = new Steps(server.baseUri().toString(), peak);
            CalibrationSimulation.install(steps);
            PrintStream console = System.out;
            System.setOut(new PrintStream(OutputStream.nullOutputStream())); // Gatling's console summary
            try {
                GatlingQuiet.silence();
                io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {"-s", CalibrationSimulation.class.getName(),
                    "-rf", resultsDir.toString(), "-rd", "time-scale calibration", "-nr"});
            } catch (RuntimeException stopped) {
                // A step that fell behind stops the load generator on purpose; what ran is measured.
            } finally {
                System.setOut(console);
                CalibrationSimulation.install(null);
            }
        }
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < steps.size() && steps.ran(i); i++) {
            out.add(new Step(steps.scale(i), steps.rate(i), steps.answers(i), steps.p99Millis(i), steps.passed(i)));
        }
        return new Result(choose(out), List.copyOf(out));
    }

    /** One line for the console: the scale chosen and each step's p99. */
    public static String describe(Result r) {
        StringBuilder b = new StringBuilder("time-scale " + show(r.timeScale()) + " (");
        for (int i = 0; i < r.steps().size(); i++) {
            Step s = r.steps().get(i);
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "x%s: %.0f/s, p99 %.1f ms %s",
                    show(s.timeScale()), s.offeredPerSecond(), s.p99Millis(), s.passed() ? "ok" : "too late"));
        }
        return b.append("; budget ").append(show(BUDGET_SIM_MILLIS)).append(" ms simulated at p99)").toString();
    }

    static String show(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
