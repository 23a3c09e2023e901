package dev.otpsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How rungs are judged sustained and goals met; the figures are made up for the logic, not measured. */
class GoalsTest {

    private static RungResult rung(double offered, double completed, double success, List<String> warnings) {
        return new RungResult(offered, (long) (offered * 10), 10, completed, success, 5, 5, 1.0, 1.0, 2.0, 15,
                warnings, "runs/x", false, 120, 2.1);
    }

    private static RungResult overCapacity(double offered, double reached) {
        return new RungResult(offered, (long) (offered * 3), 3, reached, 0.6, 900, 900, 1.0, 1.9, 2.0, 8,
                List.of("over-capacity: ..."), "runs/x", true, 250, 2.5);
    }

    private static BenchResult.Goal goal(List<BenchResult.Goal> goals, String name) {
        return goals.stream().filter(g -> g.goal().equals(name)).findFirst().orElseThrow();
    }

    private static MemoryResult memory(double bytes) {
        MemoryResult.Sample s = new MemoryResult.Sample(0, 0, 0, 0);
        return new MemoryResult(1000, 30_000, List.of(s, new MemoryResult.Sample(1, 0, 10, 0)), bytes, bytes - 10,
                bytes + 10, "runs/m", null);
    }

    @Test
    void aRungIsSustainedWhenItKeepsUpSucceedsAndWarnsOfNothing() {
        assertTrue(Goals.sustained(rung(1000, 960, 1.0, List.of())));
        assertFalse(Goals.sustained(rung(1000, 900, 1.0, List.of())), "fell behind");
        assertFalse(Goals.sustained(rung(1000, 1000, 0.98, List.of())), "failed journeys");
        assertFalse(Goals.sustained(rung(1000, 1000, 1.0, List.of("send requests took 40 ms"))), "harness lag");
        assertFalse(Goals.sustained(overCapacity(2000, 1990)), "over capacity");
    }

    @Test
    void throughputGoalIsTheHighestSustainedRungAndNamesWhereCapacityEnded() {
        List<BenchResult.Goal> g = Goals.judge(List.of(rung(1500, 1500, 1, List.of()), rung(2000, 1990, 1, List.of()),
                overCapacity(2500, 2210)), null, null, null, List.of());
        BenchResult.Goal t = goal(g, Goals.THROUGHPUT);
        assertEquals(Boolean.TRUE, t.met(), t.measured());
        assertTrue(t.measured().contains("highest sustained rung 2000/s"), t.measured());
        assertTrue(t.measured().contains("over capacity at 2500/s (reached 2210/s)"), t.measured());
        assertEquals(Boolean.FALSE, goal(Goals.judge(List.of(rung(1500, 1500, 1, List.of()), overCapacity(2000, 1700)),
                null, null, null, List.of()), Goals.THROUGHPUT).met());
        assertNull(goal(g, Goals.CPU).met(), "no baseline: not judged");
        assertNull(goal(g, Goals.MEMORY).met(), "memory not run");
        assertNull(goal(g, Goals.TIMER).met(), "timer not run");
    }

    @Test
    void cpuGoalComparesTheRungAtTheBaselineRate() {
        List<RungResult> ladder = List.of(rung(400, 400, 1, List.of()), rung(2000, 2000, 1, List.of()));
        BenchResult.Goal met = goal(Goals.judge(ladder, null, null, new BaselineResult(2000, 20000, 0, 2000, 0.9, 1),
                List.of()), Goals.CPU);
        assertEquals(Boolean.TRUE, met.met(), met.measured()); // 1.0 / 0.9 = 1.11
        BenchResult.Goal notMet = goal(Goals.judge(ladder, null, null, new BaselineResult(2000, 20000, 0, 2000, 0.5, 1),
                List.of()), Goals.CPU);
        assertEquals(Boolean.FALSE, notMet.met(), notMet.measured()); // 2.0
        assertNull(goal(Goals.judge(ladder, null, null, new BaselineResult(800, 8000, 0, 800, 0.5, 1), List.of()),
                Goals.CPU).met(), "no rung at the baseline's rate");
        BenchResult.Goal notSustained = goal(Goals.judge(List.of(overCapacity(2000, 1500)), null, null,
                new BaselineResult(2000, 20000, 0, 2000, 0.9, 1), List.of()), Goals.CPU);
        assertEquals(Boolean.FALSE, notSustained.met(), "a rung that did not keep up does not meet it");
    }

    @Test
    void anImpossibleMemoryEstimateIsAFailedMeasurementNeverMet() {
        for (double impossible : new double[] {-9_877, Double.NaN, Double.POSITIVE_INFINITY}) {
            MemorySummary m = MemorySummary.of(List.of(memory(300), memory(impossible), memory(310)));
            BenchResult.Goal g = goal(Goals.judge(List.of(), m, null, null, List.of()), Goals.MEMORY);
            assertEquals(Boolean.FALSE, g.met(), g.measured());
            assertTrue(g.measured().startsWith("failed measurement"), g.measured());
            assertTrue(Double.isNaN(m.medianBytes()));
        }
    }

    @Test
    void aRunWithTooFewSamplesIsAFailedMeasurementSayingWhy() {
        MemorySummary m = MemorySummary.of(List.of(memory(300), MemoryResult.failed(1000, 900, List.of(), "runs/m",
                "took 2 heap samples of 12 before the load ended (at least 4 needed)")));
        BenchResult.Goal g = goal(Goals.judge(List.of(), m, null, null, List.of()), Goals.MEMORY);
        assertEquals(Boolean.FALSE, g.met());
        assertEquals("failed measurement: took 2 heap samples of 12 before the load ended (at least 4 needed)",
                g.measured());
    }

    @Test
    void memoryIsMetOnlyUnderOneKilobyteAndWithASpreadUnderTwentyPercent() {
        BenchResult.Goal tight = goal(Goals.judge(List.of(), MemorySummary.of(List.of(memory(300), memory(320),
                memory(310))), null, null, List.of()), Goals.MEMORY);
        assertEquals(Boolean.TRUE, tight.met(), tight.measured());
        assertTrue(tight.measured().contains("310 bytes, median of [300, 320, 310], spread 6 %"), tight.measured());
        BenchResult.Goal wide = goal(Goals.judge(List.of(), MemorySummary.of(List.of(memory(200), memory(320),
                memory(310))), null, null, List.of()), Goals.MEMORY);
        assertEquals(Boolean.FALSE, wide.met(), "39 % apart: the method cannot be trusted");
        BenchResult.Goal heavy = goal(Goals.judge(List.of(), MemorySummary.of(List.of(memory(2000), memory(2100))),
                null, null, List.of()), Goals.MEMORY);
        assertEquals(Boolean.FALSE, heavy.met());
        BenchResult.Goal once = goal(Goals.judge(List.of(), MemorySummary.of(List.of(memory(300))), null, null,
                List.of()), Goals.MEMORY);
        assertNull(once.met(), "one run shows no spread");
    }

    @Test
    void aStepIsSetAsideAndTheRestGivesTheSlope() {
        List<MemoryResult.Sample> line = List.of(new MemoryResult.Sample(0, 10_000, 0, 5),
                new MemoryResult.Sample(1, 15_000, 10, 7), new MemoryResult.Sample(2, 20_000, 20, 3),
                new MemoryResult.Sample(3, 4_025_000, 30, 3), // a 4 MB pool chunk
                new MemoryResult.Sample(4, 4_030_000, 40, 3), new MemoryResult.Sample(5, 4_035_000, 50, 3),
                new MemoryResult.Sample(6, 4_040_000, 60, 3));
        MemoryResult m = MemoryResult.of(1000, 60, line, "runs/m");
        assertEquals(500.0, m.bytesPerJourney(), 1e-9);
        assertTrue(m.valid());
        assertTrue(m.lowBytes() <= 500 && m.highBytes() >= 500);
    }

    @Test
    void timerGoalNeedsTheRateAndEveryMessage() {
        assertEquals(Boolean.TRUE, goal(Goals.judge(List.of(), null,
                new TimerResult(100, 2000, 100, 100, 0, 1.0, 1.9, 3.0), null, List.of()), Goals.TIMER).met());
        assertEquals(Boolean.FALSE, goal(Goals.judge(List.of(), null,
                new TimerResult(100, 1000, 100, 100, 0, 1.0, 1.9, 3.0), null, List.of()), Goals.TIMER).met(), "too slow a rate");
        assertEquals(Boolean.FALSE, goal(Goals.judge(List.of(), null,
                new TimerResult(100, 2000, 100, 99, 0, 1.0, 1.9, 3.0), null, List.of()), Goals.TIMER).met(), "one lost");
        assertEquals(Boolean.FALSE, goal(Goals.judge(List.of(), null,
                new TimerResult(100, 2000, 100, 100, 0, 1.0, 2.1, 3.0), null, List.of()), Goals.TIMER).met());
    }

    @Test
    void openFilesAndScenariosAreJudgedToo() {
        List<BenchResult.Goal> g = Goals.judge(List.of(rung(1000, 1000, 1, List.of()), overCapacity(2000, 1500)), null,
                null, null, List.of(
                        new ScenarioCheck("a.conf", "a", 60, 600, 1, true, List.of(), Map.of(), 2, 90, 7, "r", null),
                        new ScenarioCheck("b.conf", "b", 60, 600, 1, false, List.of("harness-lag: ..."), Map.of(), 2, 90,
                                7, "r", null),
                        new ScenarioCheck("c.conf", "c", 0, 0, 0, false, List.of(), Map.of(), 0, -1, 0, null, "a sweep")));
        assertEquals(Boolean.TRUE, goal(g, Goals.FILES).met(), goal(g, Goals.FILES).measured());
        BenchResult.Goal s = goal(g, Goals.SCENARIOS);
        assertEquals(Boolean.FALSE, s.met());
        assertEquals("1 of 2 had a harness problem: b", s.measured());
    }
}
