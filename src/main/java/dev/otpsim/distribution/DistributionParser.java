package dev.otpsim.distribution;

import com.typesafe.config.ConfigValueType;
import dev.otpsim.config.Section;
import java.time.Duration;

/**
 * Reads a {@link DurationDistribution} from a scenario.
 *
 * <pre>
 * delay = 2s                                              # fixed
 * delay { type = lognormal, median = 4s, sigma = 0.75, cap = 10m }
 * delay { type = percentiles, p50 = 4s, p90 = 10s, p99 = 28s, max = 2m }
 * </pre>
 * Types: fixed(value), uniform(min,max), exponential(mean), normal(mean,stddev),
 * lognormal(median,sigma), pareto(scale,shape), percentiles(min?,p50,p90,p99,max); any takes {@code cap}.
 */
public final class DistributionParser {
    private DistributionParser() {
    }

    /** Reads {@code key} of {@code parent}; {@code def} when absent ({@code null} makes it required). */
    public static DurationDistribution read(Section parent, String key, DurationDistribution def) {
        if (!parent.has(key)) {
            if (def == null) {
                parent.duration(key); // records "missing"
                return new DurationDistribution.Fixed(0);
            }
            return def;
        }
        if (parent.type(key) != ConfigValueType.OBJECT) {
            return new DurationDistribution.Fixed(parent.duration(key).toMillis());
        }
        return read(parent.section(key));
    }

    /** Reads a distribution object such as {@code { type = exponential, mean = 5s }}. */
    public static DurationDistribution read(Section s) {
        String type = s.string("type", null);
        DurationDistribution d;
        if (type == null) {
            d = new DurationDistribution.Fixed(0);
        } else {
            d = switch (type) {
                case "fixed" -> new DurationDistribution.Fixed(ms(s.duration("value")));
                case "uniform" -> {
                    double min = ms(s.duration("min"));
                    double max = ms(s.duration("max"));
                    if (max < min) {
                        s.problem("max", "must be at least min (" + Durations.show(min) + ")");
                    }
                    yield new DurationDistribution.Uniform(min, Math.max(min, max));
                }
                case "exponential" -> new DurationDistribution.Exponential(ms(s.positiveDuration("mean")));
                case "normal" -> new DurationDistribution.Normal(ms(s.duration("mean")), ms(s.duration("stddev")));
                case "lognormal" -> new DurationDistribution.LogNormal(
                        ms(s.positiveDuration("median")), s.number("sigma", null, 0.0, 10.0));
                case "pareto" -> new DurationDistribution.Pareto(
                        ms(s.positiveDuration("scale")), s.number("shape", null, 0.01, 100.0));
                case "percentiles" -> percentiles(s);
                default -> {
                    s.problem("type", "expected one of fixed, uniform, exponential, normal, lognormal, pareto, "
                            + "percentiles, got \"" + type + "\"");
                    yield new DurationDistribution.Fixed(0);
                }
            };
        }
        if (s.has("cap")) {
            d = new DurationDistribution.Capped(d, ms(s.positiveDuration("cap")));
        }
        s.finish();
        return d;
    }

    private static DurationDistribution percentiles(Section s) {
        double min = ms(s.duration("min", Duration.ZERO));
        double p50 = ms(s.duration("p50"));
        double p90 = ms(s.duration("p90"));
        double p99 = ms(s.duration("p99"));
        double max = ms(s.duration("max"));
        String[] keys = {"min", "p50", "p90", "p99", "max"};
        double[] v = {min, p50, p90, p99, max};
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[i - 1]) {
                s.problem(keys[i], "percentiles must not decrease: " + keys[i] + " (" + Durations.show(v[i])
                        + ") is below " + keys[i - 1] + " (" + Durations.show(v[i - 1]) + ")");
            }
        }
        return new DurationDistribution.Percentiles(min, p50, p90, p99, max);
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1_000_000.0;
    }
}
