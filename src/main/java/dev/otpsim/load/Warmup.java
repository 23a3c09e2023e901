package dev.otpsim.load;

import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.person.LoadProfile;
import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Warm-up before simulated time starts: the simulation first runs {@link #journeys} people who
 * ask for a code and type a wrong one, arriving faster and faster up to the run's peak rate,
 * through the same Gatling requests, target, gateway and carriers as the journeys. Without it the first journeys pay for class loading, JIT
 * compilation and connection set-up — at time-scale 60 a cold 200 ms request is 12 simulated
 * seconds — and the run would report the harness's start-up as the target's behaviour.
 *
 * <p>Warm-up people have addresses starting with {@link #PREFIX}; {@link #carriersOnly} stops
 * their messages at the gateway and {@link #isWarmUp} keeps every event about them out of the
 * ledger. Only ever used with the embedded reference target: an
 * external service gets no traffic the scenario did not ask for.
 */
final class Warmup {
    static final String PREFIX = "warm-up-";
    /** Warm-up people for a run of modest rate, spread over {@link #SHORTEST}. */
    static final int MIN_JOURNEYS = 300;
    /** Enough for the JIT to compile the hot paths at any rate; more only costs time. */
    static final int MAX_JOURNEYS = 5_000;
    static final Duration SHORTEST = Duration.ofSeconds(2);

    /**
     * How many warm-up people a run gets: twice its peak real rate (journeys per real second),
     * at least {@link #MIN_JOURNEYS}, at most {@link #MAX_JOURNEYS}. A cold JVM thrown straight into
     * 1,000 journeys/s collapsed (11.8 % success, issue 13); 300 warm-up people were not enough.
     */
    static int journeys(LoadProfile load, double timeScale) {
        double peak = peakRealRate(load, timeScale);
        return (int) Math.max(MIN_JOURNEYS, Math.min(MAX_JOURNEYS, Math.round(2 * peak)));
    }

    /**
     * The warm-up's arrivals: for a run of modest peak rate (up to {@link #MIN_JOURNEYS} / 2 per
     * real second), {@code users} spread evenly over {@link #SHORTEST}; above, a ramp from 1
     * person per second up to the run's peak rate, which the JIT can follow as it compiles,
     * instead of the whole rate at once.
     */
    static OpenInjectionStep injection(int users, LoadProfile load, double timeScale) {
        double peak = peakRealRate(load, timeScale);
        if (2 * peak <= MIN_JOURNEYS) {
            return rampUsers(users).during(SHORTEST);
        }
        // A linear ramp 1 -> top over d starts (1 + top) / 2 * d people: up to the peak, over at
        // least SHORTEST (then to a lower top, so that it still starts `users`).
        double seconds = Math.max(SHORTEST.toMillis() / 1000.0, users / ((1 + peak) / 2));
        double top = Math.min(peak, 2 * users / seconds - 1);
        return rampUsersPerSec(1).to(top).during(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    /** The highest arrival rate of the load, in journeys per real second. */
    static double peakRealRate(LoadProfile load, double timeScale) {
        double peak = 0;
        for (LoadProfile.Phase p : load.phases()) {
            peak = Math.max(peak, Math.max(p.fromRate(), p.toRate()));
        }
        return peak * timeScale;
    }

    private Warmup() {
    }

    /**
     * Hands real messages to the carriers and stops warm-up ones at the gateway: they happen
     * before simulated time starts and must not sit in a carrier's queue, use its random draws
     * or change its loss state when the run begins.
     */
    static Consumer<CarrierMessage> carriersOnly(Consumer<CarrierMessage> carriers) {
        return m -> {
            if (!m.to().startsWith(PREFIX)) {
                carriers.accept(m);
            }
        };
    }

    /** Whether an address is a warm-up person's: their events stay out of the ledger. */
    static boolean isWarmUp(String address) {
        return address.startsWith(PREFIX);
    }
}
