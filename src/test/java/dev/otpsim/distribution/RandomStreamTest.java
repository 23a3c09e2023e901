package dev.otpsim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.distribution.RandomStream.Purpose;
import org.junit.jupiter.api.Test;

class RandomStreamTest {

    @Test
    void theKthDrawDependsOnlyOnSeedEntityPurposeAndK() {
        RandomStream a = RandomStream.of(42, 17, Purpose.PATIENCE);
        RandomStream b = RandomStream.of(42, 17, Purpose.PATIENCE);
        RandomStream other = RandomStream.of(42, 17, Purpose.REACTION);
        other.nextLong(); // drawing from another purpose changes nothing for this one
        for (int k = 0; k < 1000; k++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
        assertNotEquals(RandomStream.of(42, 17, Purpose.PATIENCE).nextLong(), RandomStream.of(42, 18, Purpose.PATIENCE).nextLong());
        assertNotEquals(RandomStream.of(42, 17, Purpose.PATIENCE).nextLong(), RandomStream.of(43, 17, Purpose.PATIENCE).nextLong());
        assertNotEquals(RandomStream.of(42, 17, Purpose.PATIENCE).nextLong(), RandomStream.of(42, 17, Purpose.REACTION).nextLong());
    }

    @Test
    void resetRewindsToTheFirstDrawOfTheNewKey() {
        RandomStream s = RandomStream.ofKey(7);
        long first = s.nextLong();
        s.nextLong();
        s.reset(7);
        assertEquals(first, s.nextLong());
    }

    /**
     * Uniform enough for simulation: χ² over 100 equal bins of 1,000,000 draws, and first draws of
     * 100,000 neighbouring people (the keys the engine actually uses) alike. The 0.999 quantile of
     * χ²(99) is 148.2.
     */
    @Test
    void drawsAreUniformWithinAStreamAndAcrossNeighbouringPeople() {
        assertTrue(chiSquare(i -> 0, 1_000_000) < 148.2);
        assertTrue(chiSquare(i -> i, 100_000) < 148.2);
    }

    private static double chiSquare(java.util.function.IntUnaryOperator person, int n) {
        int[] bins = new int[100];
        RandomStream same = RandomStream.of(1, 0, Purpose.PATIENCE);
        for (int i = 0; i < n; i++) {
            int p = person.applyAsInt(i);
            double u = p == 0 ? same.nextDouble() : RandomStream.of(1, p, Purpose.PATIENCE).nextDouble();
            bins[(int) (u * 100)]++;
        }
        double expected = n / 100.0;
        double chi = 0;
        for (int b : bins) {
            chi += (b - expected) * (b - expected) / expected;
        }
        return chi;
    }
}
