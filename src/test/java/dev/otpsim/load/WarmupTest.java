package dev.otpsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.otpsim.person.LoadProfile;
import io.gatling.core.controller.inject.open.RampOpenInjection;
import io.gatling.core.controller.inject.open.RampRateOpenInjection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up grows with the run's peak rate and climbs to it, so a cold JVM is not thrown in at full rate. */
class WarmupTest {
    private static LoadProfile flat(double rate) {
        return new LoadProfile(List.of(new LoadProfile.Phase(rate, rate, 60_000)));
    }

    @Test
    void aModestRunGetsThreeHundredPeopleOverTwoSeconds() {
        // quickstart: 2 journeys per simulated second at time-scale 60 = 120 per real second.
        assertEquals(300, Warmup.journeys(flat(2), 60));
        // Read through Gatling's step types (users, rates, duration), never their toString().
        var ramp = assertInstanceOf(RampOpenInjection.class, Warmup.injection(300, flat(2), 60).asScala());
        assertEquals(300, ramp.users());
        assertEquals(2_000_000_000L, ramp.duration().toNanos());
    }

    @Test
    void aFastRunGetsTwiceItsPeakRateClimbingToIt() {
        // 1,000 journeys per real second (the rate a cold JVM collapsed at).
        assertEquals(2_000, Warmup.journeys(flat(1_000.0 / 60), 60));
        var step = assertInstanceOf(RampRateOpenInjection.class, Warmup.injection(2_000, flat(1_000.0 / 60), 60).asScala());
        assertEquals(1.0, step.startRate());
        assertEquals(1_000.0, step.endRate(), 1e-9); // up to the peak
        assertEquals(3_996_000_000L, step.duration().toNanos()); // (1 + 1000) / 2 × 3.996 s ≈ 2,000 people
        assertEquals(Warmup.MAX_JOURNEYS, Warmup.journeys(flat(100), 60));
    }

    @Test
    void aRampNeverStartsMorePeopleThanAskedForEvenAtAHugeRate() {
        // 30,000 per real second: 5,000 people over the shortest 2 s climb to 4,999/s, not to 30,000.
        var step = assertInstanceOf(RampRateOpenInjection.class, Warmup.injection(5_000, flat(500), 60).asScala());
        assertEquals(1.0, step.startRate());
        assertEquals(4_999.0, step.endRate(), 1e-9);
        assertEquals(2_000_000_000L, step.duration().toNanos()); // (1 + 4999) / 2 × 2 s = 5,000 people
    }

    @Test
    void thePeakIsTheHighestRateOfAnyPhase() {
        LoadProfile spike = new LoadProfile(List.of(new LoadProfile.Phase(0, 2, 30_000),
                new LoadProfile.Phase(40, 40, 60_000), new LoadProfile.Phase(2, 2, 60_000)));
        assertEquals(2_400, Warmup.peakRealRate(spike, 60), 1e-9);
    }
}
