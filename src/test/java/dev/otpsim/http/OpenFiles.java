package dev.otpsim.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What this test JVM holds: open file descriptors (Linux, {@code /proc/self/fd}) and heap in use.
 *
 * <pre>{@code
 * long before = OpenFiles.count();
 * ... open and close connections ...
 * await().until(() -> OpenFiles.count() <= before + OpenFiles.MARGIN);
 * }</pre>
 */
public final class OpenFiles {
    /** Descriptors that may come and go on their own (class loading, a log file, the listing itself). */
    public static final long MARGIN = 16;

    private OpenFiles() {
    }

    /** Open file descriptors of this process. */
    public static long count() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Heap in use after asking for two collections, in bytes: a loose figure, for "did it come back down". */
    public static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
