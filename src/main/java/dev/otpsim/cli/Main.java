package dev.otpsim.cli;

import dev.otpsim.load.RunEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code otpsim} command line. Exit codes: 0 ok, 1 thresholds failed, 2 bad input or usage.
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
    /** The run itself failed (a crash, not the scenario's fault); the message says why. */
    public static final int RUN_FAILED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (no {@code System.exit}: usable from tests). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExitCodeExceptionMapper(e -> BAD_INPUT);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // The user sees one clear line, never a stack trace; --debug-style detail stays in logs.
            cmd.getErr().println("otpsim: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return BAD_INPUT;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"otpsim " + RunEngine.version("dev.otpsim", "otpsim")};
        }
    }
}
