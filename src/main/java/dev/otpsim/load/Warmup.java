package dev.otpsim.load;

import dev.otpsim.carrier.CarrierMessage;
import java.util.function.Consumer;

/**
 * Warm-up before simulated time starts: the simulation first runs {@code warmUpUsers} who
 * ask for a code and type a wrong one, through the same Gatling requests, target, gateway and
 * carriers as the journeys. Without it the first journeys pay for class loading, JIT
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
