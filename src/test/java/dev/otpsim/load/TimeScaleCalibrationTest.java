package dev.otpsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How auto picks a time-scale from the calibration steps; the steps' figures are made up. */
class TimeScaleCalibrationTest {

    private static TimeScaleCalibration.Step step(double scale, double p99Millis) {
        return new TimeScaleCalibration.Step(scale, 100, 200, p99Millis,
                TimeScaleCalibration.passes(p99Millis, scale));
    }

    @Test
    void aScalePassesWhenItsLagStaysWithinAQuarterOfTheTolerance() {
        // 500 ms simulated: 8 ms real at 60 passes, 9 ms does not; at 600 only 0.8 ms does.
        assertTrue(TimeScaleCalibration.passes(8, 60));
        assertFalse(TimeScaleCalibration.passes(9, 60));
        assertTrue(TimeScaleCalibration.passes(0.8, 600));
        assertFalse(TimeScaleCalibration.passes(1.0, 600));
    }

    @Test
    void theHighestScalePassedInARowIsChosen() {
        assertEquals(120, TimeScaleCalibration.choose(List.of(step(10, 3), step(30, 3), step(60, 3), step(120, 3),
                step(200, 3))));
        // A lucky higher step after a failed one does not count: the calibration stops at the first failure.
        assertEquals(30, TimeScaleCalibration.choose(List.of(step(10, 3), step(30, 3), step(60, 20), step(120, 1))));
    }

    @Test
    void whenEvenTheLowestStepFallsBehindTheScaleIsOne() {
        assertEquals(1, TimeScaleCalibration.choose(List.of(step(10, 80))));
        assertEquals(1, TimeScaleCalibration.choose(List.of()));
    }

    @Test
    void eachStepOffersTheRealRateItsScaleWouldBringWithAMargin() {
        // quickstart peaks at 2 journeys per simulated second: at 60 that is 120 per real second, offered 180.
        assertEquals(180, TimeScaleCalibration.rateFor(2, 60), 1e-9);
        assertEquals(TimeScaleCalibration.MIN_RATE, TimeScaleCalibration.rateFor(2, 10), 1e-9);
        assertEquals(TimeScaleCalibration.MAX_RATE, TimeScaleCalibration.rateFor(40, 1000), 1e-9);
    }

    @Test
    void theConsoleLineNamesTheChoiceAndEveryStep() {
        String line = TimeScaleCalibration.describe(new TimeScaleCalibration.Result(60,
                List.of(step(10, 3), step(30, 3), step(60, 3), step(120, 9))));
        assertTrue(line.startsWith("time-scale 60 ("), line);
        assertTrue(line.contains("x120: 100/s, p99 9.0 ms too late"), line);
    }
}
