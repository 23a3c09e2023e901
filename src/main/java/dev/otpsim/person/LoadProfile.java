package dev.otpsim.person;

import dev.otpsim.config.Section;
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

    /** Journeys the profile starts in all: the whole part of its expected number. */
    public long totalJourneys() {
        return (long) Math.floor(expectedJourneys() + 1e-9);
    }

    /**
     * When journey {@code n} (1-based) starts, in simulated ms: the first moment the integral of
     * the rate reaches n, so arrivals follow the rate curve exactly and evenly (as Gatling's
     * injection spaces them), the same in every run and every variant.
     *
     * @return the start time, or -1 when the profile starts fewer than n journeys
     */
    public long arrivalMillis(long n) {
        double start = 0;
        double before = 0;
        for (Phase p : phases) {
            double in = p.journeys();
            if (before + in + 1e-9 >= n && p.millis() > 0 && in > 0) {
                double need = n - before; // journeys into this phase
                double a = p.fromRate() / 1000.0; // per ms
                double b = (p.toRate() - p.fromRate()) / 1000.0 / p.millis(); // rate slope per ms²
                double t;
                if (Math.abs(b) < 1e-15) {
                    t = need / a;
                } else {
                    // need = a·t + b·t²/2, the root in [0, millis]
                    t = (-a + Math.sqrt(Math.max(0, a * a + 2 * b * need))) / b;
                }
                return (long) Math.ceil(start + Math.min(p.millis(), Math.max(0, t)) - 1e-6);
            }
            before += in;
            start += p.millis();
        }
        return -1;
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
