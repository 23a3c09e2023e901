package dev.otpsim.bench;

import java.io.File;
import java.lang.management.ManagementFactory;

/** File descriptors this process holds open now: sockets, files, pipes. */
final class OpenFiles {
    private static final File FDS = new File("/proc/self/fd");

    private OpenFiles() {
    }

    /** The count from {@code /proc/self/fd} (Linux), else the JVM's own count, else -1. */
    static long count() {
        String[] names = FDS.list();
        if (names != null) {
            return names.length;
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u) {
            return u.getOpenFileDescriptorCount();
        }
        return -1;
    }
}
