package dev.otpsim.bench;

import java.lang.management.ManagementFactory;

/** CPU time this JVM process has used so far, all threads (JIT and GC included). */
final class ProcessCpu {
    private ProcessCpu() {
    }

    /** Process CPU nanoseconds, or -1 where the platform does not say. */
    static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
