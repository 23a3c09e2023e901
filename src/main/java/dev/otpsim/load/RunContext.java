package dev.otpsim.load;

import dev.otpsim.clock.ScaledClock;
import dev.otpsim.handset.Handsets;
import dev.otpsim.ledger.Ledger;
import dev.otpsim.metrics.RunMetrics;
import dev.otpsim.person.LoadProfile;
import dev.otpsim.run.Journey;
import dev.otpsim.run.RunPlan;
import dev.otpsim.target.TargetProtocol;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one run's Gatling simulation needs from the JVM that started it. Gatling instantiates the
 * simulation class itself, so the run installs its context here first (one run at a time).
 *
 * @param plan              people, carriers and faults, as every engine builds them
 * @param pollMillis        how often (simulated) a waiting person glances at their handset besides
 *                          waking on announced arrivals, for codes that reach the gateway unannounced
 *                          (an external target); 0: people wake on their own decisions and arrivals only
 * @param maxDurationMillis real-time bound on the whole injection and drain
 * @param warmUpUsers       people who warm the target up before time starts (0 for an external target)
 * @param watch             the harness's own wake-ups and lag
 */
public record RunContext(ScaledClock clock, RunPlan plan, Ledger ledger, Handsets handsets, RunMetrics metrics,
                         TargetProtocol protocol, LoadProfile load, long pollMillis, long maxDurationMillis,
                         AtomicLong journeyCounter, int warmUpUsers, HarnessWatch watch) {

    private static volatile RunContext current;

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

    /** A new journey: the next person of the plan, their handset, reported to the ledger. */
    public JourneyDriver newJourney() {
        long n = journeyCounter.incrementAndGet();
        if (n == 1) {
            clock.zeroNow(); // simulated zero is the first arrival, not the JVM's or Gatling's start-up
        }
        return new JourneyDriver(this, new Journey(plan.person(n), handsets, ledger, clock.nowMillis()));
    }
}
