package dev.otpsim.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another process keeping one core busy while the bench runs: what a shared CI runner or a
 * developer's build beside the run does to the harness. A second JVM (this one's {@code java} and
 * class path) spins on one thread until its standard input closes — so it ends with this process
 * even if this one is killed — or {@link #close()} stops it.
 *
 * <pre>{@code
 * try (BusyCore busy = BusyCore.start()) {
 *     ... measure ...
 * }
 * }</pre>
 * Run by hand, the same load: {@code java -cp target/otpsim.jar dev.otpsim.bench.BusyCore}.
 */
public final class BusyCore implements AutoCloseable {
    private final Process process;

    private BusyCore(Process process) {
        this.process = process;
    }

    /** Starts the spinning process and returns once it spins. */
    public static BusyCore start() throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = new ProcessBuilder(List.of(java, "-Xmx32m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), BusyCore.class.getName()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BusyCore busy = new BusyCore(p);
        try {
            // It says "spinning" once its loop runs; JVM start-up is not the load we want to add.
            InputStream out = p.getInputStream();
            byte[] line = new byte[9];
            int n = out.readNBytes(line, 0, line.length);
            if (n < line.length) {
                busy.close();
                throw new IOException("the busy-core process did not start (exit " + p.waitFor() + ")");
            }
        } catch (InterruptedException e) {
            busy.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the busy-core process", e);
        }
        return busy;
    }

    /** The spinning process's id, for the record. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The spinning process: one thread busy until standard input closes. */
    public static void main(String[] args) throws IOException {
        Thread spinner = new Thread(() -> {
            long x = 1;
            while (true) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                if (x == 42) {
                    System.out.print(""); // never: keeps the loop from being optimised away
                }
            }
        }, "busy-core");
        spinner.setDaemon(true);
        spinner.start();
        System.out.print("spinning\n");
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the parent closes our input (it ended, or was killed)
        }
        System.exit(0);
    }
}
