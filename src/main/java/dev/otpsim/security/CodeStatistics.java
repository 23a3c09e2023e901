package dev.otpsim.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * Do numeric codes look like independent uniform draws? Pure statistics, no I/O:
 * <ul>
 *   <li>one length for every code (a generator that forgets to zero-pad issues shorter ones);</li>
 *   <li>χ² over all digits, and over the digits at each position, against uniform (9 degrees of
 *       freedom each) — a counter or a small range keeps its leading positions at one digit;</li>
 *   <li>repeats: pairs of equal codes across everyone, and within one person's successive codes,
 *       against the Poisson number of pairs uniform codes give by chance (the birthday bound).</li>
 * </ul>
 * Every p-value is held to {@link #FAMILY_ALPHA} split over the tests made (Bonferroni), so a good
 * generator fails about once in a million runs, and a gross defect shows with a couple of hundred
 * codes. A subtle bias (e.g. modulo bias of a few percent) needs far more codes than a probe takes.
 *
 * <pre>{@code
 * CodeStatistics.Result r = CodeStatistics.analyse(codes, codesPerPerson);
 * if (!r.failures().isEmpty()) ...
 * }</pre>
 */
final class CodeStatistics {
    /** The chance a uniform generator is failed by one analysis, all its tests together. */
    static final double FAMILY_ALPHA = 1e-6;

    private CodeStatistics() {
    }

    /** One test: its statistic, degrees of freedom (0 for the repeat counts), p-value and what it saw. */
    record Test(String name, double statistic, int df, double p, String seen) {
    }

    /**
     * @param codes        every code analysed
     * @param lengths      how many codes of each length
     * @param numeric      whether all codes are digits (the tests need digits)
     * @param tests        each test made, on the codes of the commonest length
     * @param alphaPerTest the level each p-value is held to
     * @param failures     one sentence per failed test
     */
    record Result(int codes, Map<Integer, Integer> lengths, boolean numeric, List<Test> tests, double alphaPerTest,
                  List<String> failures) {
    }

    /**
     * @param codes     every code issued, one person's successive codes included
     * @param perPerson successive codes of each person who was sent several (for repeats within a person)
     */
    static Result analyse(List<String> codes, List<List<String>> perPerson) {
        Map<Integer, Integer> lengths = new TreeMap<>();
        boolean numeric = true;
        for (String c : codes) {
            lengths.merge(c.length(), 1, Integer::sum);
            numeric &= !c.isEmpty() && c.chars().allMatch(ch -> ch >= '0' && ch <= '9');
        }
        List<String> failures = new ArrayList<>();
        if (!numeric || codes.isEmpty()) {
            return new Result(codes.size(), lengths, false, List.of(), FAMILY_ALPHA, failures);
        }
        int len = lengths.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        if (lengths.size() > 1) {
            failures.add("codes came in several lengths " + lengths + ": a fixed-length generator never does that "
                    + "(a number not zero-padded?)");
        }
        List<String> same = codes.stream().filter(c -> c.length() == len).toList();
        int n = same.size();
        int testCount = 1 + len + 2;
        double alpha = FAMILY_ALPHA / testCount;
        List<Test> tests = new ArrayList<>();

        long[] all = new long[10];
        long[][] at = new long[len][10];
        for (String c : same) {
            for (int i = 0; i < len; i++) {
                int d = c.charAt(i) - '0';
                all[d]++;
                at[i][d]++;
            }
        }
        tests.add(chiSquared("all digits", all));
        for (int i = 0; i < len; i++) {
            tests.add(chiSquared("position " + (i + 1), at[i]));
        }
        double space = Math.pow(10, len);
        tests.add(repeats("equal codes across people", pairsOfEqual(same), (double) n * (n - 1) / 2 / space, n));
        long withinPairs = 0;
        long withinEqual = 0;
        int withinCodes = 0;
        for (List<String> own : perPerson) {
            List<String> ofLen = own.stream().filter(c -> c.length() == len).toList();
            withinPairs += (long) ofLen.size() * (ofLen.size() - 1) / 2;
            withinEqual += pairsOfEqual(ofLen);
            withinCodes += ofLen.size();
        }
        tests.add(repeats("equal codes within a person", withinEqual, withinPairs / space, withinCodes));

        for (Test t : tests) {
            if (t.p() < alpha) {
                failures.add(t.name() + ": " + t.seen() + " (p " + p(t.p()) + ")");
            }
        }
        return new Result(codes.size(), lengths, true, tests, alpha, failures);
    }

    private static Test chiSquared(String name, long[] counts) {
        long total = 0;
        int top = 0;
        for (int d = 0; d < 10; d++) {
            total += counts[d];
            if (counts[d] > counts[top]) {
                top = d;
            }
        }
        double[] expected = new double[10];
        java.util.Arrays.fill(expected, total / 10.0);
        ChiSquareTest test = new ChiSquareTest();
        double chi = test.chiSquare(expected, counts);
        double p = test.chiSquareTest(expected, counts);
        String seen = String.format(Locale.ROOT, "commonest digit %d in %.0f%% (10%% expected), χ² %.1f with 9 df",
                top, 100.0 * counts[top] / Math.max(1, total), chi);
        return new Test(name, chi, 9, p, seen);
    }

    private static Test repeats(String name, long observed, double expected, int codes) {
        double p = 1.0;
        if (observed > 0) {
            // P(X >= observed) for X ~ Poisson(expected); no expected pairs make any pair impossible by chance.
            p = expected <= 0 ? 0.0 : 1.0 - new PoissonDistribution(expected).cumulativeProbability((int) Math.min(
                    Integer.MAX_VALUE, observed - 1));
        }
        String seen = String.format(Locale.ROOT, "%d pairs of equal codes among %d, %.3g expected by chance",
                observed, codes, expected);
        return new Test(name, observed, 0, Math.max(0, p), seen);
    }

    private static long pairsOfEqual(List<String> codes) {
        Map<String, Integer> counts = new HashMap<>();
        codes.forEach(c -> counts.merge(c, 1, Integer::sum));
        long pairs = 0;
        for (int k : counts.values()) {
            pairs += (long) k * (k - 1) / 2;
        }
        return pairs;
    }

    /** A p-value for people: 3 significant digits, or a bound when it underflows. */
    static String p(double p) {
        return p < 1e-16 ? "< 1e-16" : String.format(Locale.ROOT, "%.3g", p);
    }

    /** The tests as evidence: name → statistic, df, p and what was seen. */
    static Map<String, Object> evidence(Result r) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Test t : r.tests()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("seen", t.seen());
            e.put("p", t.p());
            e.put("passed", t.p() >= r.alphaPerTest());
            out.put(t.name(), e);
        }
        return out;
    }
}
