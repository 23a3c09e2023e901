package dev.otpsim.bench;

import java.lang.management.ManagementFactory;

/**
 * Heap in use after full collections: what is reachable, not what is merely not yet collected.
 * {@link System#gc()} is a full, stop-the-world collection under the default collector (G1) unless
 * {@code -XX:+DisableExplicitGC} is set; it is called twice because one collection can leave
 * objects whose finalisation or reference processing frees more on the next.
 */
final class HeapProbe {
    private HeapProbe() {
    }

    static long usedAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
