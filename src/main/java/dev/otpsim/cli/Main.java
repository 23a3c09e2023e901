package dev.otpsim.cli;

import dev.otpsim.load.GatlingEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code otpsim} command line. Exit codes: 0 ok, 1 thresholds failed, 2 bad input or usage, 3 the run
 * failed or produced no result (including any error otpsim did not expect: one line on stderr, the stack
 * trace with {@code OTPSIM_DEBUG=1}), 4 the run's figures are invalid (harness lag).
 */
@Command(name = "otpsim",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "OTP delivery simulator and load-test harness.",
        subcommands = {
            RunCommand.class,
            ValidateCommand.class,
            ReportCommand.class,
            CompareCommand.class,
            TargetCommand.class,
            GatewayCommand.class,
            ProbeCommand.class,
            SecurityCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int THRESHOLDS_FAILED = 1;
    public static final int BAD_INPUT = 2;
    /** The run itself failed, or produced nothing a figure could be read from; the message says why. */
    public static final int RUN_FAILED = 3;
    /** Scaled real time distorted the figures (harness lag over tolerance): not a result. */
    public static final int INVALID = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Threads of the run (Gatling, servers) too: one line, not a trace, unless debugging. Out of
        // memory or stack in any thread leaves the run's figures untrustworthy: stop it, exit 3.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            try {
                if (e instanceof OutOfMemoryError) {
                    System.err.println(OUT_OF_MEMORY); // a constant: there may be no memory to build a message
                } else {
                    java.io.PrintWriter err = new java.io.PrintWriter(System.err, true);
                    err.print("[thread " + thread.getName() + "] ");
                    crashed(e, err, debug());
                }
            } catch (Throwable ignored) {
                // nothing more can be said; the exit code still can
            } finally {
                if (e instanceof VirtualMachineError) {
                    Runtime.getRuntime().halt(RUN_FAILED);
                }
            }
        });
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (no {@code System.exit}: usable from tests). */
    public static int execute(String... args) {
        return execute(new CommandLine(new Main()), args);
    }

    /**
     * Runs {@code args} on {@code cli} with otpsim's exit codes: whatever a command did not catch —
     * an exception, an OutOfMemoryError, a StackOverflowError — is {@link #RUN_FAILED} with one line
     * on stderr, never exit 1 (which means a threshold failed) and never a stack trace unless
     * {@code OTPSIM_DEBUG=1}. One {@code cli} may run many command lines in turn (picocli resets
     * options between them): building its command model costs more than validating a scenario,
     * which matters to a test that validates a thousand.
     */
    public static int execute(CommandLine cli, String... args) {
        cli.setExitCodeExceptionMapper(e -> BAD_INPUT);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> crashed(e, cmd.getErr(), debug()));
        try {
            return cli.execute(args);
        } catch (Throwable e) { // picocli lets an Error through; it must still be exit 3, in one line
            try {
                return crashed(e, cli.getErr(), debug());
            } catch (Throwable whileSaying) { // out of memory even for the message: the code still says it
                return RUN_FAILED;
            }
        }
    }

    private static final String OUT_OF_MEMORY = "otpsim: out of memory: the run needed more heap than this JVM has; "
            + "lower the load or give Java more with OTPSIM_JAVA_OPTS=-Xmx4g";

    /** Whether the user asked for stack traces ({@code OTPSIM_DEBUG=1}). */
    static boolean debug() {
        String v = System.getenv("OTPSIM_DEBUG");
        return v != null && !v.isBlank() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    /** Says in one line what went wrong (the stack trace too when {@code debug}); returns {@link #RUN_FAILED}. */
    static int crashed(Throwable e, java.io.PrintWriter err, boolean debug) {
        err.println("otpsim: " + Failure.describe(e) + (debug ? "" : " (OTPSIM_DEBUG=1 shows the stack trace)"));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return RUN_FAILED;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"otpsim " + dev.otpsim.run.Versions.of("dev.otpsim", "otpsim")};
        }
    }
}
