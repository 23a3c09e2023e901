package dev.otpsim.load;

import dev.otpsim.clock.ScaledClock;
import dev.otpsim.handset.Handsets;
import dev.otpsim.ledger.Ledger;
import dev.otpsim.person.Population;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * What one run's Gatling simulation needs from the JVM that started it. Gatling instantiates the
 * simulation class itself, so the run installs its context here first (one run at a time).
 *
 * @param pollMillis        how often (simulated) a waiting person glances at their handset
 * @param maxDurationMillis real-time bound on the whole injection and drain
 * @param warmUpUsers       people who warm the target up before time starts (0 for an external target)
 */
public record RunContext(ScaledClock clock, Ledger ledger, Handsets handsets, Population population, long seed,
                         TargetProtocol protocol, LoadProfile load, long pollMillis, long maxDurationMillis,
                         LongFunction<TargetProtocol.Identity> identities, AtomicLong journeyCounter,
                         int warmUpUsers) {

    private static volatile RunContext current;

    /** The embedded target's identities: user {@code u-n}, codes sent to the same id. */
    public static TargetProtocol.Identity referenceIdentity(long n) {
        String id = "u-" + n;
        return new TargetProtocol.Identity(n, id, id);
    }

    public static void install(RunContext context) {
        current = context;
    }

    public static RunContext current() {
        RunContext c = current;
        if (c == null) {
            throw new IllegalStateException("no otpsim run is installed: start simulations through `otpsim run`");
        }
        return c;
    }

    public static void clear() {
        current = null;
    }

    /** A new journey: the next person id, their profile and generator, their handset. */
    public JourneyDriver newJourney() {
        long n = journeyCounter.incrementAndGet();
        if (n == 1) {
            clock.zeroNow(); // simulated zero is the first arrival, not the JVM's or Gatling's start-up
        }
        return new JourneyDriver(this, identities.apply(n), n);
    }
}
