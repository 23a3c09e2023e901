package dev.otpsim.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One figure measured over several runs: the median, the range (smallest, largest) and n. A figure
 * any of whose runs gave an impossible value (negative, not a number, infinite) is a failed
 * measurement: its median is NaN and a goal judged on it is never met.
 *
 * <pre>{@code
 * Figure f = Figure.of(List.of(410_000.0, 395_000.0, 432_000.0));
 * f.median(); // 410000.0
 * f.format("%,.0f"); // "410,000 (395,000–432,000, n=3)"
 * }</pre>
 *
 * @param values each run's value, in the order run
 * @param median the median of the values; NaN when any is impossible or there are none
 * @param min    the smallest value; NaN likewise
 * @param max    the largest value; NaN likewise
 */
public record Figure(List<Double> values, double median, double min, double max) {

    public Figure {
        values = List.copyOf(values);
    }

    public static Figure of(List<Double> values) {
        if (values.isEmpty() || values.stream().anyMatch(v -> !possible(v))) {
            return new Figure(values, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Figure(values, Stats.median(sorted), sorted[0], sorted[sorted.length - 1]);
    }

    /** A value a measurement of time, rate, bytes or count can take: finite and not negative. */
    static boolean possible(double v) {
        return Double.isFinite(v) && v >= 0;
    }

    /** Number of runs. */
    public int n() {
        return values.size();
    }

    /** Whether every run gave a possible value. */
    public boolean valid() {
        return !Double.isNaN(median);
    }

    /** (largest − smallest) / median; NaN for an invalid figure or a zero median. */
    public double spread() {
        return valid() && median > 0 ? (max - min) / median : Double.NaN;
    }

    /** "median (min–max, n=N)" with each number in {@code format}; for a failed one, the values as they came. */
    public String format(String format) {
        if (!valid()) {
            return "failed measurement: impossible value among "
                    + Arrays.toString(values.stream().map(v -> String.format(Locale.ROOT, format, v)).toArray());
        }
        return String.format(Locale.ROOT, format + " (" + format + "–" + format + ", n=%d)", median, min, max, n());
    }
}
