package dev.otpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Exit codes mean what the README says whatever goes wrong: an error nobody caught is 3 in one
 * line (never 1, which means a threshold failed, and never a stack trace), bad input is 2 in words.
 */
class ExitCodeTest {

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        final Supplier<Throwable> what;

        Boom(Supplier<Throwable> what) {
            this.what = what;
        }

        @Override
        public Integer call() throws Exception {
            Throwable t = what.get();
            if (t instanceof Error e) {
                throw e;
            }
            throw (Exception) t;
        }
    }

    private static String run(Supplier<Throwable> what, int expectedExit) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main()).addSubcommand("boom", new Boom(what));
        cli.setErr(new PrintWriter(err, true));
        assertEquals(expectedExit, Main.execute(cli, "boom"));
        return err.toString();
    }

    @Test
    void uncaughtErrorsAreExit3InOneLineWithoutAStackTrace() {
        for (Supplier<Throwable> t : java.util.List.<Supplier<Throwable>>of(
                () -> new OutOfMemoryError("Java heap space"),
                StackOverflowError::new,
                () -> new NullPointerException("x is null"),
                () -> new java.io.IOException("disk on fire"))) {
            String err = run(t, Main.RUN_FAILED);
            assertEquals(1, err.strip().lines().count(), err);
            assertTrue(err.startsWith("otpsim: ") && !err.contains("\tat "), err);
            assertTrue(err.contains("OTPSIM_DEBUG=1"), "says how to see more: " + err);
        }
        assertTrue(run(() -> new OutOfMemoryError("Java heap space"), Main.RUN_FAILED).contains("out of memory"));
    }

    @Test
    void theStackTraceIsThereWhenDebugging() {
        StringWriter err = new StringWriter();
        assertEquals(Main.RUN_FAILED, Main.crashed(new StackOverflowError(), new PrintWriter(err), true));
        assertTrue(err.toString().contains("StackOverflowError") && err.toString().contains("\tat "), err.toString());
    }

    @Test
    void anOutputDirectoryThatIsAFileIsBadInputSaidInWords(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        for (String out : new String[] {"/dev/null", file.toString(), file.resolve("below").toString()}) {
            String err = ReportCommandTest.stderrOf(() ->
                    assertEquals(Main.BAD_INPUT, Main.execute("run", "scenarios/quickstart.conf", "--out", out, "--quiet")));
            assertTrue(err.contains("--out " + out) && (err.contains("not a directory") || err.contains("is a file")), err);
            assertFalse(err.contains("the run failed"), err);
        }
    }

    @Test
    void fileErrorsAreSaidInWords() {
        assertEquals("/dev/null: already exists, and is not a directory that can be used",
                Failure.describe(new java.nio.file.FileAlreadyExistsException("/dev/null")));
        assertEquals("cannot write x: /r/x: permission denied", Failure.describe(new java.io.UncheckedIOException(
                "cannot write x", new java.nio.file.AccessDeniedException("/r/x"))));
        assertEquals("/r/" + "n".repeat(10) + ": File name too long", Failure.describe(
                new java.nio.file.FileSystemException("/r/" + "n".repeat(10), null, "File name too long")));
    }

    @Test
    void validateSaysBadInputInWordsAndExits2(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("s.conf"), "include \"missing.conf\"\n");
        String err = ReportCommandTest.stderrOf(() -> assertEquals(Main.BAD_INPUT, Main.execute("validate", file.toString())));
        assertTrue(err.contains("s.conf:1") && err.contains("no such file"), err);
        assertFalse(err.contains("Exception"), err);
    }

    @Test
    void theGatewayRefusesOnePortForHttpAndSmtpBeforeListening() {
        String err = ReportCommandTest.stderrOf(() -> org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(30), () -> assertEquals(Main.BAD_INPUT, Main.execute("gateway",
                        "--carriers", "scenarios/gateway.conf", "--port", "18026", "--smtp-port", "18026"))));
        assertTrue(err.contains("cannot both listen on port 18026"), err);
    }
}
