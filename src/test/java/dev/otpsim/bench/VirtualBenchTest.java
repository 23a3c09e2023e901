package dev.otpsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.config.Limits;
import dev.otpsim.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the virtual-time benchmark runs and reports — never how fast anything is. */
class VirtualBenchTest {
    private static final Path QUICKSTART = Path.of("scenarios/quickstart.conf");

    @Test
    void scalingKeepsTheRateAndWidensWindowsOnlyWhenTheRunWouldHaveTooMany() {
        Scenario million = VirtualBench.scaled(QUICKSTART, 1_000_000);
        assertEquals(1_000_000, million.load().totalJourneys(), 1_000);
        assertEquals(10_000, million.metrics().windowMillis(), "50,000 windows of 10 s fit");

        // 5 M quickstart journeys last about 29 simulated days: 10 s windows would be too many.
        Scenario five = VirtualBench.scaled(QUICKSTART, 5_000_000);
        assertEquals(5_000_000, five.load().totalJourneys(), 5_000);
        long runMillis = five.load().durationMillis() + 600_000;
        assertTrue(runMillis / five.metrics().windowMillis() <= Limits.MAX_WINDOWS,
                five.metrics().windowMillis() + " ms windows");
    }

    @Test
    void aRunReportsItsJourneysEventsAndAllocation() {
        VirtualBench.Result r = VirtualBench.run(QUICKSTART, 5_000);
        assertEquals(5_000, r.journeys(), 10);
        assertTrue(r.eventsPerJourney() >= 3, r.toString()); // arrival, delivery, submission at least
        assertTrue(r.bytesAllocatedPerJourney() > 0, r.toString());
        assertTrue(r.successRate() > 0.9, r.toString());
    }

    @Test
    void theHeapIsSampledAlongTheRunAndAtItsEnd() {
        List<VirtualBench.HeapSample> samples = VirtualBench.memory(QUICKSTART, 4_000, 4);
        assertTrue(samples.size() >= 4, samples.toString());
        VirtualBench.HeapSample end = samples.get(samples.size() - 1);
        assertEquals(0, end.inFlight(), end.toString());
        assertEquals(4_000, end.started(), 10);
        for (int i = 1; i < samples.size(); i++) {
            assertTrue(samples.get(i).started() >= samples.get(i - 1).started());
            assertTrue(samples.get(i).liveBytes() > 0);
        }
    }
}
