package dev.otpsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.handset.Channel;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scaled real time multiplies the harness's own lag: beyond tolerance the run is not a result. */
class HarnessWarningTest {
    private static SummaryBuilder.RunInfo at(double timeScale) {
        return new SummaryBuilder.RunInfo("s", "s.conf", RunSummary.GATLING, 1, timeScale, EnumSet.of(Channel.SMS),
                false);
    }

    private static Totals withLag(long sendRealMicros, long deliveryLateMillis) {
        RunMetrics m = new RunMetrics(MetricsSpec.defaults(), EnumSet.of(Channel.SMS));
        for (int i = 0; i < 100; i++) {
            m.httpSendMicros(sendRealMicros);
            m.delivered(Channel.SMS, 1_000, 900, deliveryLateMillis);
        }
        return m.totals();
    }

    @Test
    void requestLagTimesTheScaleBeyondTwoSimulatedSecondsMakesTheRunInvalid() {
        // 100 ms real at time-scale 60 is 6 simulated seconds of harness delay per request.
        var lag = SummaryBuilder.harnessLag(at(60), withLag(100_000, 0));
        assertEquals(6_000, lag.get("send"), 60);
        List<RunSummary.RunProblem> p = SummaryBuilder.harnessProblems(at(60), lag);
        assertEquals(1, p.size());
        assertEquals(RunSummary.RunProblem.Kind.HARNESS_LAG, p.get(0).kind());
        assertTrue(p.get(0).message().contains("send requests were answered 6.0 s"), p.get(0).message());
        // The same lag at time-scale 1 is a tenth of a second: nothing to say.
        assertTrue(SummaryBuilder.harnessProblems(at(1), SummaryBuilder.harnessLag(at(1), withLag(100_000, 0))).isEmpty());
        assertTrue(SummaryBuilder.harnessProblems(at(60), SummaryBuilder.harnessLag(at(60), withLag(10_000, 0))).isEmpty());
    }

    @Test
    void lateCarrierDeliveriesCountAsHarnessLagToo() {
        var lag = SummaryBuilder.harnessLag(at(60), withLag(1_000, 2_500));
        assertEquals(2_500, lag.get("delivery"), 25);
        List<RunSummary.RunProblem> p = SummaryBuilder.harnessProblems(at(60), lag);
        assertEquals(1, p.size());
        assertTrue(p.get(0).message().contains("carriers delivered codes 2.5 s"), p.get(0).message());
    }

    @Test
    void virtualTimeHasNoHarnessLag() {
        SummaryBuilder.RunInfo virtual = new SummaryBuilder.RunInfo("s", "s.conf", RunSummary.VIRTUAL, 1,
                Double.POSITIVE_INFINITY, EnumSet.of(Channel.SMS), false);
        var lag = SummaryBuilder.harnessLag(virtual, withLag(0, 0));
        assertTrue(lag.values().stream().allMatch(v -> v == 0), lag.toString());
    }
}
