package dev.otpsim.load;

import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.carrier.DeliveryEvents;
import dev.otpsim.carrier.LossReason;
import java.util.function.Consumer;

/**
 * Warm-up before simulated time starts: the simulation first runs {@code warmUpUsers} who
 * ask for a code and type a wrong one, through the same Gatling requests, target, gateway and
 * carriers as the journeys. Without it the first journeys pay for class loading, JIT
 * compilation and connection set-up — at time-scale 60 a cold 200 ms request is 12 simulated
 * seconds — and the run would report the harness's start-up as the target's behaviour.
 *
 * <p>Warm-up people have addresses starting with {@link #PREFIX}; {@link #carriersOnly} stops
 * their messages at the gateway and {@link #filter} keeps every event about them out of the
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

    /** The ledger's view without warm-up people. */
    static DeliveryEvents filter(DeliveryEvents ledger) {
        return new DeliveryEvents() {
            public void issued(CarrierMessage m) {
                if (!m.to().startsWith(PREFIX)) {
                    ledger.issued(m);
                }
            }

            public void delivered(CarrierMessage m, long visibleAtMillis, boolean duplicate) {
                if (!m.to().startsWith(PREFIX)) {
                    ledger.delivered(m, visibleAtMillis, duplicate);
                }
            }

            public void lost(CarrierMessage m, LossReason reason, long atMillis) {
                if (!m.to().startsWith(PREFIX)) {
                    ledger.lost(m, reason, atMillis);
                }
            }

            public void duplicated(CarrierMessage m, long atMillis) {
                if (!m.to().startsWith(PREFIX)) {
                    ledger.duplicated(m, atMillis);
                }
            }

            public void unknownRecipient(CarrierMessage m) {
                if (!m.to().startsWith(PREFIX)) {
                    ledger.unknownRecipient(m);
                }
            }
        };
    }
}
