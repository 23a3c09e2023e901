package dev.otpsim.load;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs Gatling in this JVM — the one place that knows how: the simulation class, the results
 * folder, the console Gatling writes to, its version check, and whether it writes its HTML report.
 * The simulation reads the run's objects from {@link RunContext}, installed before this is called.
 *
 * <pre>{@code
 * RunContext.install(context);
 * GatlingLauncher.run(runDir.resolve("gatling"), "quickstart", true, false);
 * }</pre>
 */
public final class GatlingLauncher {
    private GatlingLauncher() {
    }

    /**
     * @param resultsDir where Gatling makes its {@code <simulation>-<time>} folder
     * @param quiet      keep Gatling's console summary out of otpsim's output
     * @param noReport   skip Gatling's own HTML report (tests, comparisons)
     */
    public static void run(Path resultsDir, String description, boolean quiet, boolean noReport) {
        run(resultsDir, description, quiet, noReport, () -> false);
    }

    /**
     * @param stoppedOnPurpose whether the simulation stopped its own load generator (the harness was
     *                         over capacity): then Gatling's exit code says nothing about a failure
     */
    public static void run(Path resultsDir, String description, boolean quiet, boolean noReport,
                           java.util.function.BooleanSupplier stoppedOnPurpose) {
        List<String> args = new ArrayList<>(List.of("-s", OtpSimulation.class.getName(), "-rf", resultsDir.toString(),
                "-rd", description));
        if (noReport) {
            args.add("-nr");
        }
        GatlingQuiet.silence();
        int code;
        // Gatling prints its console summary straight to System.out; a quiet run does not want it.
        PrintStream console = System.out;
        if (quiet) {
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        }
        try {
            code = io.gatling.app.Gatling$.MODULE$.fromArgs(args.toArray(String[]::new));
        } catch (RuntimeException | AssertionError e) {
            if (stoppedOnPurpose.getAsBoolean()) {
                return;
            }
            throw new IllegalStateException("Gatling failed: " + e.getMessage(), e);
        } finally {
            System.setOut(console);
        }
        // 2 means Gatling's own assertions failed; otpsim sets none, its thresholds are judged after.
        if (code != 0 && code != 2 && !stoppedOnPurpose.getAsBoolean()) {
            throw new IllegalStateException("Gatling ended with exit code " + code);
        }
    }
}
