package dev.otpsim.load;

import dev.otpsim.scenario.Section;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Open-model arrivals of journeys, in simulated time: a sequence of phases, each a constant rate
 * or a linear ramp. Steps and spikes are phases one after another.
 *
 * <pre>
 * load { rate = 5, duration = 10m, ramp = 30s }           # shorthand: ramp 0→5/s, then 5/s for 10m
 * load.phases = [
 *   { ramp-to = 5, over = 1m }                            # from the previous rate (0 at start)
 *   { rate = 5, for = 10m }
 *   { rate = 40, for = 1m }                               # a spike
 *   { rate = 5, for = 5m }
 * ]
 * </pre>
 * Rates are journeys started per simulated second.
 */
public record LoadProfile(List<Phase> phases) {

    /** One phase: from {@code fromRate} to {@code toRate} (equal for a constant phase) over {@code millis}. */
    public record Phase(double fromRate, double toRate, long millis) {
        public boolean constant() {
            return fromRate == toRate;
        }

        double journeys() {
            return (fromRate + toRate) / 2 * millis / 1000.0;
        }
    }

    public LoadProfile {
        phases = List.copyOf(phases);
    }

    /** Simulated duration of the whole injection. */
    public long durationMillis() {
        return phases.stream().mapToLong(Phase::millis).sum();
    }

    /** Expected number of journeys started. */
    public double expectedJourneys() {
        return phases.stream().mapToDouble(Phase::journeys).sum();
    }

    /** Expected journeys started from simulated zero up to {@code atMillis}: the integral of the rate. */
    public double journeysBy(double atMillis) {
        double n = 0;
        double start = 0;
        for (Phase p : phases) {
            double end = start + p.millis();
            if (atMillis <= start) {
                break;
            }
            double upTo = Math.min(atMillis, end);
            double rateAtUpTo = p.fromRate() + (p.toRate() - p.fromRate()) * (upTo - start) / p.millis();
            n += (p.fromRate() + rateAtUpTo) / 2 * (upTo - start) / 1000.0;
            start = end;
        }
        return n;
    }

    public static LoadProfile read(Section s) {
        List<Phase> phases = new ArrayList<>();
        if (s.has("phases")) {
            for (String k : List.of("rate", "duration", "ramp")) {
                if (s.has(k)) {
                    s.problem(k, "give either load.phases or the shorthand rate/duration/ramp, not both");
                }
            }
            double previous = 0;
            for (Section p : s.sections("phases")) {
                if (p.has("ramp-to")) {
                    double to = p.number("ramp-to", null, 0, 1e6);
                    double from = p.number("ramp-from", previous, 0, 1e6);
                    long over = p.positiveDuration("over").toMillis();
                    phases.add(new Phase(from, to, over));
                    previous = to;
                } else {
                    double rate = p.number("rate", null, 0, 1e6);
                    long millis = p.positiveDuration("for").toMillis();
                    phases.add(new Phase(rate, rate, millis));
                    previous = rate;
                }
                p.finish();
            }
            if (phases.isEmpty()) {
                s.problem("phases", "expected at least one phase");
            }
        } else {
            double rate = s.number("rate", null, 0.000001, 1e6);
            long duration = s.positiveDuration("duration").toMillis();
            long ramp = s.duration("ramp", Duration.ZERO).toMillis();
            if (ramp > 0) {
                phases.add(new Phase(0, rate, ramp));
            }
            phases.add(new Phase(rate, rate, duration));
        }
        s.finish();
        return new LoadProfile(phases);
    }
}
