package dev.otpsim.report;

import dev.otpsim.distribution.Durations;
import java.util.Locale;

/**
 * How figures are written for people. Pages show these strings; the exact values ride along in
 * {@code data-value} attributes, so rounding here never hides a difference from a test.
 */
public final class Figures {
    private Figures() {
    }

    /** A fraction as a percentage: 0.0123 → "1.23%", small non-zero values keep a significant digit. */
    public static String percent(double fraction) {
        if (Double.isNaN(fraction)) {
            return "–";
        }
        double p = fraction * 100;
        if (p != 0 && Math.abs(p) < 0.01) {
            return String.format(Locale.ROOT, "%.1g%%", p);
        }
        return String.format(Locale.ROOT, "%.2f%%", p);
    }

    /** A fraction as a short percentage for labels: 0.1 → "10%", 0.125 → "12.5%". */
    public static String percentShort(double fraction) {
        return java.math.BigDecimal.valueOf(fraction * 100).setScale(2, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + "%";
    }

    /** A ratio such as send amplification: 1.4213 → "1.42×". */
    public static String times(double ratio) {
        return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f×", ratio);
    }

    /** A plain number: whole numbers with thousands separators, others with up to 3 decimals. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return java.math.BigDecimal.valueOf(v).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** A rate per simulated second. */
    public static String perSecond(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f /s", v);
    }

    /** A simulated duration, e.g. "4.2s", "12m". */
    public static String duration(double ms) {
        return Double.isNaN(ms) ? "–" : Durations.show(ms);
    }
}
