package dev.otpsim.bench;

/** Small statistics the bench needs. */
final class Stats {
    private Stats() {
    }

    /** The median of sorted values; NaN for none. */
    static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
