package dev.otpsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HarnessWarningTest {
    private static SummaryBuilder.RunInfo at(double timeScale) {
        return new SummaryBuilder.RunInfo("r", "s", "s.conf", 1, timeScale, "now", 1000, 1, Set.of(), false);
    }

    private static Map<String, RunSummary.Percentiles> sendP99(long millis) {
        return Map.of("send", new RunSummary.Percentiles(100, millis, millis, millis, millis, millis));
    }

    @Test
    void realLagTimesTheScaleBeyondTwoSimulatedSecondsIsCalledOut() {
        // 100 ms real at time-scale 60 is 6 simulated seconds of harness delay per request.
        var w = SummaryBuilder.harnessWarnings(at(60), sendP99(100));
        assertEquals(1, w.size());
        assertTrue(w.get(0).contains("6.0 s of simulated time"), w.get(0));
        // The same lag at time-scale 1 is a tenth of a second: nothing to say.
        assertTrue(SummaryBuilder.harnessWarnings(at(1), sendP99(100)).isEmpty());
        assertTrue(SummaryBuilder.harnessWarnings(at(60), sendP99(10)).isEmpty());
    }
}
