package dev.otpsim.distribution;

/** Renders simulated durations for people: {@code 850ms}, {@code 4.2s}, {@code 12m}, {@code 1.5h}. */
public final class Durations {
    private Durations() {
    }

    public static String show(double millis) {
        if (millis < 1_000) {
            return trim(millis) + "ms";
        }
        if (millis < 120_000) {
            return trim(millis / 1_000) + "s";
        }
        if (millis < 7_200_000) {
            return trim(millis / 60_000) + "m";
        }
        return trim(millis / 3_600_000) + "h";
    }

    private static String trim(double v) {
        double r = Math.round(v * 10) / 10.0;
        return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r);
    }
}
