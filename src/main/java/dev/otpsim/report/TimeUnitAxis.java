package dev.otpsim.report;

import org.jfree.chart.axis.NumberAxis;

/**
 * A unit for plotting simulated durations: values are divided into the unit so ticks land on round
 * numbers ("2, 4, 6 min" rather than "120000 ms"), and the axis label names the unit and says the
 * time is simulated.
 *
 * @param millis  milliseconds per unit
 * @param name    unit as shown in axis labels
 */
public record TimeUnitAxis(double millis, String name) {

    /** The unit that keeps {@code maxMs} between about 1 and a few hundred. */
    public static TimeUnitAxis forRange(double maxMs) {
        if (maxMs >= 3 * 3_600_000.0) {
            return new TimeUnitAxis(3_600_000.0, "h");
        }
        if (maxMs >= 5 * 60_000.0) {
            return new TimeUnitAxis(60_000.0, "min");
        }
        if (maxMs >= 2_000.0) {
            return new TimeUnitAxis(1_000.0, "s");
        }
        return new TimeUnitAxis(1.0, "ms");
    }

    public double of(double ms) {
        return ms / millis;
    }

    /** An axis labelled e.g. "simulated time since start (min)". */
    public NumberAxis axis(String what) {
        NumberAxis a = new NumberAxis(what + " (" + name + ")");
        a.setAutoRangeIncludesZero(true);
        return a;
    }
}
