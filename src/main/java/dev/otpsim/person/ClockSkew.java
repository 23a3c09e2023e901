package dev.otpsim.person;

import dev.otpsim.distribution.Durations;
import dev.otpsim.distribution.Gaussian;
import dev.otpsim.config.Section;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How far a person's phone clock is off, in simulated ms: positive ahead, negative behind. Unlike
 * a delay it has a sign, so it has its own few shapes:
 *
 * <pre>
 * clock-skew = 0s                                          # every phone exact (or -20s, 45s: all the same)
 * clock-skew { type = normal, mean = 0s, stddev = 20s }    # most phones within a few seconds, some far off
 * clock-skew { type = uniform, min = -30s, max = 30s }
 * </pre>
 * One uniform draw per person (inverse transform), like every duration distribution.
 *
 * @param kind {@code fixed} (a = the skew), {@code normal} (a = mean, b = standard deviation),
 *             {@code uniform} (a = min, b = max)
 */
public record ClockSkew(String kind, double a, double b) {
    public static final ClockSkew NONE = new ClockSkew("fixed", 0, 0);
    /** Phones keep network time; a skew beyond a day is a typo, not a phone. */
    static final long MAX_MILLIS = 86_400_000;

    /** One person's skew. */
    public long sampleMillis(RandomGenerator rng) {
        double u = rng.nextDouble();
        double v = switch (kind) {
            case "normal" -> a + b * Gaussian.inverseCdf(u);
            case "uniform" -> a + u * (b - a);
            default -> a;
        };
        return Math.max(-MAX_MILLIS, Math.min(MAX_MILLIS, Math.round(v)));
    }

    public String describe() {
        return switch (kind) {
            case "normal" -> "normal(mean=" + Durations.show(a) + ", sd=" + Durations.show(b) + ")";
            case "uniform" -> "uniform(" + Durations.show(a) + ".." + Durations.show(b) + ")";
            default -> Durations.show(a);
        };
    }

    /** Reads {@code key} of {@code parent}: a signed duration, or an object as above. */
    public static ClockSkew read(Section parent, String key) {
        if (!parent.has(key)) {
            return NONE;
        }
        if (parent.type(key) != com.typesafe.config.ConfigValueType.OBJECT) {
            Duration d = parent.signedDuration(key, Duration.ZERO);
            if (Math.abs(d.toMillis()) > MAX_MILLIS) {
                parent.problem(key, "a phone clock more than a day off is not a skew; expected at most ±24h");
                return NONE;
            }
            return new ClockSkew("fixed", ms(d), 0);
        }
        Section s = parent.section(key);
        String type = s.choice("type", java.util.Map.of("fixed", "fixed", "normal", "normal", "uniform", "uniform"),
                null);
        ClockSkew skew = NONE;
        if ("fixed".equals(type)) {
            skew = new ClockSkew("fixed", ms(s.signedDuration("value", null)), 0);
        } else if ("normal".equals(type)) {
            skew = new ClockSkew("normal", ms(s.signedDuration("mean", Duration.ZERO)), ms(s.duration("stddev")));
        } else if ("uniform".equals(type)) {
            double min = ms(s.signedDuration("min", null));
            double max = ms(s.signedDuration("max", null));
            if (max < min) {
                s.problem("max", "must be at least min (" + Durations.show(min) + ")");
                max = min;
            }
            skew = new ClockSkew("uniform", min, max);
        }
        for (String k : new String[] {"value", "mean", "stddev", "min", "max"}) {
            if (s.has(k) && Math.abs(s.signedDuration(k, Duration.ZERO).toMillis()) > MAX_MILLIS) {
                s.problem(k, "a phone clock more than a day off is not a skew; expected at most ±24h");
            }
        }
        s.finish();
        return skew;
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1_000_000.0;
    }
}
