package dev.otpsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How rungs are judged sustained and goals met; the figures are made up for the logic, not measured. */
class GoalsTest {

    private static RungResult rung(double offered, double completed, double success, List<String> warnings) {
        return new RungResult(offered, (long) (offered * 10), 10, completed, success, 5, 5, 1.0, 1.0, 2.0, 15,
                warnings, "runs/x");
    }

    @Test
    void aRungIsSustainedWhenItKeepsUpSucceedsAndWarnsOfNothing() {
        assertTrue(Goals.sustained(rung(1000, 960, 1.0, List.of())));
        assertFalse(Goals.sustained(rung(1000, 900, 1.0, List.of())), "fell behind");
        assertFalse(Goals.sustained(rung(1000, 1000, 0.98, List.of())), "failed journeys");
        assertFalse(Goals.sustained(rung(1000, 1000, 1.0, List.of("send requests took 40 ms"))), "harness lag");
    }

    @Test
    void throughputGoalUsesTheHighestSustainedRung() {
        List<BenchResult.Goal> g = Goals.judge(List.of(rung(800, 800, 1, List.of()), rung(1200, 1190, 1, List.of()),
                rung(1600, 1100, 1, List.of())), null, null, null);
        assertEquals(Boolean.TRUE, g.get(0).met(), g.get(0).measured());
        assertTrue(g.get(0).measured().contains("1200/s"), g.get(0).measured());
        assertNull(g.get(1).met(), "no baseline: not judged");
        assertNull(g.get(2).met(), "memory not run");
        assertNull(g.get(3).met(), "timer not run");
    }

    @Test
    void cpuGoalComparesTheRungAtTheBaselineRate() {
        List<RungResult> ladder = List.of(rung(400, 400, 1, List.of()), rung(1200, 1200, 1, List.of()));
        BenchResult.Goal met = Goals.judge(ladder, null, null, new BaselineResult(1200, 12000, 0, 1200, 0.9, 1))
                .get(1);
        assertEquals(Boolean.TRUE, met.met(), met.measured()); // 1.0 / 0.9 = 1.11
        BenchResult.Goal notMet = Goals.judge(ladder, null, null, new BaselineResult(1200, 12000, 0, 1200, 0.5, 1))
                .get(1);
        assertEquals(Boolean.FALSE, notMet.met(), notMet.measured()); // 2.0
        assertNull(Goals.judge(ladder, null, null, new BaselineResult(800, 8000, 0, 800, 0.5, 1)).get(1).met(),
                "no rung at the baseline's rate");
    }

    @Test
    void retainedBytesAreTheMedianIntervalSlopeSoOneStepDoesNotMoveThem() {
        List<MemoryResult.Sample> line = List.of(new MemoryResult.Sample(0, 10_000, 0, 5),
                new MemoryResult.Sample(1, 15_000, 10, 7), new MemoryResult.Sample(2, 20_000, 20, 3),
                new MemoryResult.Sample(3, 4_025_000, 30, 3)); // a 4 MB pool chunk in the last interval
        assertEquals(List.of(500.0, 500.0, 400_500.0), MemoryResult.slopes(line));
        assertEquals(500.0, MemoryResult.medianSlope(line), 1e-9);
    }

    @Test
    void memoryAndTimerGoalsCompareWithTheSpecLimits() {
        MemoryResult.Sample s = new MemoryResult.Sample(0, 0, 0, 0);
        List<BenchResult.Goal> g = Goals.judge(List.of(),
                new MemoryResult(400, 8000, List.of(s, s), 1500, "runs/m"),
                new TimerResult(100, 1000, 100, 100, 0, 1.0, 1.9, 3.0), null);
        assertEquals(Boolean.FALSE, g.get(2).met());
        assertEquals(Boolean.TRUE, g.get(3).met());
    }
}
