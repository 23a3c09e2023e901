package dev.otpsim.load;

import dev.otpsim.person.LoadProfile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class InjectionTest {
    private static final LoadProfile RAMP_THEN_FLAT = new LoadProfile(List.of(
            new LoadProfile.Phase(0, 2, 30_000), new LoadProfile.Phase(2, 2, 300_000)));

    @Test
    void theRateCurveIntegratesToTheExpectedJourneys() {
        assertEquals(30.0, RAMP_THEN_FLAT.journeysBy(30_000), 1e-9);
        assertEquals(7.5, RAMP_THEN_FLAT.journeysBy(15_000), 1e-9); // half-way up the ramp: a quarter of it
        assertEquals(630.0, RAMP_THEN_FLAT.journeysBy(330_000), 1e-9);
        assertEquals(630.0, RAMP_THEN_FLAT.expectedJourneys(), 1e-9);
    }

    @Test
    void oneStepPerRealSecondCarryingEveryJourney() {
        // 330 simulated s at time-scale 60 = 5.5 real s: five steps, the last 1.5 s (Gatling loses
        // the users of sub-second steps).
        var steps = OtpSimulation.injection(RAMP_THEN_FLAT, 60);
        assertEquals(5, steps.size());
        // Read through Gatling's own step interface (users, duration), not its toString().
        assertEquals(180, steps.get(4).asScala().users());
        assertEquals(1_500_000_000L, steps.get(4).asScala().duration().toNanos());
        long users = 0;
        long nanos = 0;
        for (var s : steps) {
            users += s.asScala().users();
            nanos += s.asScala().duration().toNanos();
        }
        assertEquals(630, users);
        assertEquals(5_500_000_000L, nanos, "5.5 real seconds in all");
    }
}
