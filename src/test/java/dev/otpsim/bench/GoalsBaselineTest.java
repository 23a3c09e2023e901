package dev.otpsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CPU goal's yardstick must itself have run: a baseline that failed or fell behind is a failed measurement. */
class GoalsBaselineTest {

    private static final RungResult SUSTAINED = new RungResult(2000, 20_000, 10, 1990, 1.0, 5, 5, 1.0, 1.0, 2.0, 15,
            List.of(), "runs/x", false, 120, 2.1);

    private static BenchResult.Goal cpu(BaselineResult baseline) {
        return Goals.judge(List.of(SUSTAINED), null, null, baseline, List.of()).stream()
                .filter(g -> g.goal().equals(Goals.CPU)).findFirst().orElseThrow();
    }

    @Test
    void aBaselineWhoseJourneysFailedIsNoYardstick() {
        // Measured on a loaded machine: 18,156 of 20,000 baseline journeys failed, and its CPU per
        // journey (2.696 ms) made the harness look five times cheaper than plain Gatling.
        BenchResult.Goal g = cpu(new BaselineResult(2000, 20_000, 18_156, 341.9, 2.696, 0.92));
        assertEquals(Boolean.FALSE, g.met(), g.measured());
        assertTrue(g.measured().startsWith("failed measurement: the plain-Gatling baseline did not keep up "
                + "(18156 of 20000 journeys failed"), g.measured());
    }

    @Test
    void aBaselineThatFellBehindIsNoYardstickEither() {
        BenchResult.Goal g = cpu(new BaselineResult(2000, 20_000, 0, 1500, 0.9, 1.0));
        assertEquals(Boolean.FALSE, g.met(), g.measured());
        assertTrue(g.measured().startsWith("failed measurement"), g.measured());
    }

    @Test
    void aBaselineThatRanIsTheYardstick() {
        BenchResult.Goal g = cpu(new BaselineResult(2000, 20_000, 3, 1995, 0.9, 1.0));
        assertEquals(Boolean.TRUE, g.met(), g.measured()); // 1.0 / 0.9 = 1.11
        assertTrue(g.measured().startsWith("1.11×"), g.measured());
    }
}
