package dev.otpsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.report.compare.Sweep;
import dev.otpsim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the virtual-time figures are summarised and judged; the figures are made up for the logic, not measured. */
class VirtualGoalsTest {
    private static final VirtualBenchConfig GOAL = VirtualBenchConfig.DEFAULTS;

    private static BenchResult.Goal goal(List<BenchResult.Goal> goals, String name) {
        return goals.stream().filter(g -> g.goal().equals(name)).findFirst().orElseThrow();
    }

    private static CompareBench.Run compare(double wall, long journeysPerReplication, int invalid) {
        return new CompareBench.Run("compare-resend-wait", 8, 20, 8 * 20 * journeysPerReplication, invalid, wall, 2 * wall,
                "x");
    }

    private static List<BenchResult.Goal> judge(VirtualBenchConfig c, double... speeds) {
        Figure f = Figure.of(java.util.Arrays.stream(speeds).boxed().toList());
        return VirtualGoals.judge(c, f, f, Figure.of(List.of(3.0, 4.0, 3.5)), List.of(compare(40, 100_100, 0)),
                Figure.of(List.of(40.0)));
    }

    @Test
    void aFigureIsTheMedianWithItsRangeAndN() {
        Figure f = Figure.of(List.of(410_000.0, 395_000.0, 432_000.0));
        assertEquals(410_000, f.median());
        assertEquals(395_000, f.min());
        assertEquals(432_000, f.max());
        assertEquals(3, f.n());
        assertEquals("410,000 (395,000–432,000, n=3)", f.format("%,.0f"));
        assertEquals((432_000 - 395_000) / 410_000.0, f.spread(), 1e-12);
        assertEquals(2.5, Figure.of(List.of(1.0, 2.0, 3.0, 4.0)).median());
    }

    @Test
    void anImpossibleValueMakesAFailedMeasurementNeverMet() {
        for (double impossible : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            Figure f = Figure.of(List.of(400_000.0, impossible, 410_000.0));
            assertFalse(f.valid());
            assertTrue(Double.isNaN(f.median()));
            List<BenchResult.Goal> g = VirtualGoals.judge(GOAL, f, f, Figure.of(List.of(impossible)),
                    List.of(compare(40, 100_000, 0)), Figure.of(List.of(impossible)));
            for (String name : List.of(VirtualGoals.SPEED_CPU, VirtualGoals.SPEED_WALL, VirtualGoals.MEMORY,
                    VirtualGoals.COMPARE)) {
                assertEquals(Boolean.FALSE, goal(g, name).met(), name + ": " + goal(g, name).measured());
                assertTrue(goal(g, name).measured().startsWith("failed measurement"), goal(g, name).measured());
            }
        }
        assertFalse(Figure.of(List.of()).valid(), "no runs: nothing measured");
    }

    @Test
    void speedIsMetAtThreeHundredThousandJourneysPerCoreSecond() {
        assertEquals(Boolean.TRUE, goal(judge(GOAL, 290_000, 310_000, 305_000), VirtualGoals.SPEED_CPU).met());
        assertEquals(Boolean.FALSE, goal(judge(GOAL, 290_000, 310_000, 295_000), VirtualGoals.SPEED_CPU).met());
        assertEquals(Boolean.TRUE, goal(judge(GOAL, 300_000), VirtualGoals.SPEED_WALL).met());
    }

    @Test
    void aSmallerConfigurationIsReportedButNotJudged() {
        VirtualBenchConfig small = new VirtualBenchConfig("scenarios/quickstart.conf", 5_000, 0, 2, 0, 1,
                "scenarios/compare-resend-wait.conf", 2, 500, 1);
        List<BenchResult.Goal> g = VirtualGoals.judge(small, Figure.of(List.of(500_000.0)), Figure.of(List.of(500_000.0)),
                Figure.of(List.of()), List.of(compare(1, 500, 0)), Figure.of(List.of(1.0)));
        assertNull(goal(g, VirtualGoals.SPEED_CPU).met(), goal(g, VirtualGoals.SPEED_CPU).measured());
        assertNull(goal(g, VirtualGoals.COMPARE).met(), goal(g, VirtualGoals.COMPARE).measured());
        assertNull(goal(g, VirtualGoals.MEMORY).met(), "not run");
        VirtualBenchConfig other = new VirtualBenchConfig("scenarios/storm.conf", 1_000_000, 0, 2, 0, 1,
                "scenarios/compare-resend-wait.conf", 20, 100_000, 0);
        assertNull(goal(VirtualGoals.judge(other, Figure.of(List.of(500_000.0)), Figure.of(List.of(500_000.0)),
                Figure.of(List.of()), List.of(), Figure.of(List.of())), VirtualGoals.SPEED_CPU).met(),
                "the goal is the quickstart population");
    }

    @Test
    void compareIsMetUnderSixtySecondsWithTheJourneysActuallyRun() {
        Figure fast = Figure.of(List.of(50.0, 55.0, 58.0));
        Figure slow = Figure.of(List.of(59.0, 61.0, 70.0));
        Figure speed = Figure.of(List.of(400_000.0));
        assertEquals(Boolean.TRUE, goal(VirtualGoals.judge(GOAL, speed, speed, Figure.of(List.of(1.0)),
                List.of(compare(55, 100_050, 0)), fast), VirtualGoals.COMPARE).met());
        assertEquals(Boolean.FALSE, goal(VirtualGoals.judge(GOAL, speed, speed, Figure.of(List.of(1.0)),
                List.of(compare(61, 100_050, 0)), slow), VirtualGoals.COMPARE).met());
        assertNull(goal(VirtualGoals.judge(GOAL, speed, speed, Figure.of(List.of(1.0)),
                List.of(compare(55, 20_000, 0)), fast), VirtualGoals.COMPARE).met(), "short replications: not the goal");
        assertEquals(Boolean.FALSE, goal(VirtualGoals.judge(GOAL, speed, speed, Figure.of(List.of(1.0)),
                List.of(compare(55, 100_050, 1)), fast), VirtualGoals.COMPARE).met(), "a variant not a result");
    }

    @Test
    void memoryIsMetWhenLessThanAnObjectIsLeftPerJourneyDone() {
        Figure speed = Figure.of(List.of(400_000.0));
        assertEquals(Boolean.TRUE, goal(VirtualGoals.judge(GOAL, speed, speed, Figure.of(List.of(3.0, 4.0, 3.5)),
                List.of(), Figure.of(List.of())), VirtualGoals.MEMORY).met());
        assertEquals(Boolean.FALSE, goal(VirtualGoals.judge(GOAL, speed, speed, Figure.of(List.of(30.0, 40.0, 35.0)),
                List.of(), Figure.of(List.of())), VirtualGoals.MEMORY).met());
    }

    @Test
    void theHeapSlopeIsTakenAgainstJourneysDoneDuringTheLoad() {
        List<VirtualBench.HeapSample> line = List.of(new VirtualBench.HeapSample(1, 1_000, 10, 1_000_000),
                new VirtualBench.HeapSample(2, 2_000, 10, 1_008_000), new VirtualBench.HeapSample(3, 3_000, 10, 1_016_000),
                new VirtualBench.HeapSample(-1, 3_000, 0, 9_000_000)); // the end sample holds the summary: left out
        assertEquals(8.0, VirtualBench.bytesPerJourneyDone(line), 1e-9);
        assertTrue(Double.isNaN(VirtualBench.bytesPerJourneyDone(line.subList(0, 2))));
    }

    @Test
    void aComparisonIsSizedByStretchingItsBaseLoad() {
        Path sweep = Path.of("scenarios/compare-resend-wait.conf");
        Sweep sized = CompareBench.sized(sweep, 100_000);
        for (var v : sized.variants()) {
            long journeys = ScenarioLoader.fromConfig(v.config(), sweep).load().totalJourneys();
            assertEquals(100_000, journeys, 5, v.id());
            assertEquals("virtual", v.config().getString("engine"));
        }
    }
}
