package dev.otpsim.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CodeStatisticsTest {

    private static List<String> uniform(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            codes.add(String.format("%06d", rnd.nextInt(1_000_000)));
        }
        return codes;
    }

    private static boolean failed(CodeStatistics.Result r, String test) {
        return r.failures().stream().anyMatch(f -> f.startsWith(test));
    }

    @Test
    void uniformCodesPassEveryTest() {
        // Ten seeds: a family level of 1e-6 makes any failure here a bug, not bad luck.
        for (long seed = 1; seed <= 10; seed++) {
            List<String> codes = uniform(seed, 200);
            CodeStatistics.Result r = CodeStatistics.analyse(codes, List.of(codes.subList(0, 3), codes.subList(3, 6)));
            assertTrue(r.failures().isEmpty(), "seed " + seed + ": " + r.failures());
            assertEquals(1 + 6 + 2, r.tests().size());
            assertEquals(CodeStatistics.FAMILY_ALPHA / 9, r.alphaPerTest(), 1e-18);
        }
    }

    @Test
    void aCounterFailsTheLeadingPositions() {
        List<String> codes = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            codes.add(String.format("%06d", 123_400 + i));
        }
        CodeStatistics.Result r = CodeStatistics.analyse(codes, List.of());
        assertTrue(failed(r, "position 1: commonest digit 1 in 100%"), r.failures().toString());
        assertTrue(failed(r, "position 2"), r.failures().toString());
        assertFalse(failed(r, "equal codes"), "a counter never repeats: " + r.failures());
    }

    @Test
    void aSmallRangeFailsOnRepeatsToo() {
        SplittableRandom rnd = new SplittableRandom(7);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            codes.add(String.format("%06d", rnd.nextInt(1_000)));
        }
        CodeStatistics.Result r = CodeStatistics.analyse(codes, List.of());
        assertTrue(failed(r, "position 1"), r.failures().toString());
        assertTrue(failed(r, "equal codes across people"), r.failures().toString());
    }

    @Test
    void aPersonGivenTheSameCodeAgainFailsWithinAPerson() {
        List<String> codes = new ArrayList<>(uniform(3, 200));
        List<List<String>> people = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String own = codes.get(i);
            people.add(List.of(own, own, own)); // a code fixed per person, e.g. derived from the user id
            codes.add(own);
            codes.add(own);
        }
        CodeStatistics.Result r = CodeStatistics.analyse(codes, people);
        assertTrue(failed(r, "equal codes within a person: 30 pairs"), r.failures().toString());
    }

    @Test
    void codesOfSeveralLengthsFail() {
        List<String> codes = new ArrayList<>(uniform(4, 200));
        for (int i = 0; i < 20; i++) {
            codes.add(Integer.toString(i * 37)); // a number printed without zero-padding
        }
        CodeStatistics.Result r = CodeStatistics.analyse(codes, List.of());
        assertTrue(failed(r, "codes came in several lengths"), r.failures().toString());
        assertEquals(200, r.lengths().get(6));
    }

    @Test
    void codesWithLettersAreNotJudged() {
        CodeStatistics.Result r = CodeStatistics.analyse(List.of("AB12CD", "9F3K2L"), List.of());
        assertFalse(r.numeric());
        assertTrue(r.tests().isEmpty());
    }
}
