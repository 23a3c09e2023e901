package dev.otpsim.distribution;

import java.util.random.RandomGenerator;

/**
 * A counter-based random stream keyed by (run seed, entity, purpose): its k-th draw depends only
 * on that key and k, never on what other people or carriers drew before. This is what makes
 * common random numbers work: two variants of a comparison run with the same seed see the same
 * patience for person 17's second send, the same delay for the third message to u-17, however
 * differently the policies made them behave until then (SSJ's RandomStream with substreams,
 * in the simplest form).
 *
 * <pre>{@code
 * RandomStream patience = RandomStream.of(runSeed, personNumber, Purpose.PATIENCE);
 * long wait = profile.patience().sampleMillis(patience);   // the person's k-th patience draw
 * }</pre>
 *
 * <p>The k-th value is SplitMix64's output for the state {@code key + k·γ}: the same generator a
 * {@link java.util.SplittableRandom} seeded with the key would produce, computed directly. One
 * stream serves one entity on one thread; {@link #reset(long)} re-keys it without allocating
 * (a carrier reuses one object for every message).
 */
public final class RandomStream implements RandomGenerator {
    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    /**
     * What a stream draws for. Each purpose is its own stream, so drawing more of one (a person
     * who resends once more) never shifts another (their reaction to the code). Append only: the
     * numbers are part of every recorded run.
     */
    public enum Purpose {
        PROFILE(1), CODE_CHOICE(2), PATIENCE(3), REACTION(4), TYPO(5), TARGET_CODES(6),
        CARRIER_LOSS(10), CARRIER_DELAY(11), CARRIER_REORDER(12), CARRIER_DUPLICATE(13),
        /** Whether a person has an authenticator app (one draw against their profile's share). */
        AUTHENTICATOR_ENROLMENT(20),
        /** How far their phone's clock is off (one draw). */
        CLOCK_SKEW(21),
        /** Whether they lost the device the app is on (one draw). */
        LOST_DEVICE(22),
        /** The bytes of their authenticator secret. */
        AUTHENTICATOR_SECRET(23);

        final long id;

        Purpose(long id) {
            this.id = id;
        }
    }

    private long key;
    private long counter;

    private RandomStream(long key) {
        this.key = key;
    }

    /** The stream of {@code purpose} for {@code entity} (a person number, a hashed address) in a run. */
    public static RandomStream of(long runSeed, long entity, Purpose purpose) {
        return new RandomStream(key(runSeed, entity, purpose.id));
    }

    /** The key of (seed, entity, purpose, sub): e.g. sub = the k-th message of a recipient. */
    public static long key(long runSeed, long entity, long purpose) {
        return Mix.mix64(Mix.mix64(Mix.mix64(runSeed + GAMMA) ^ entity) + purpose * GAMMA);
    }

    /** A stream with a key made by {@link #key}, positioned at its first draw. */
    public static RandomStream ofKey(long key) {
        return new RandomStream(key);
    }

    /** Re-keys this stream and rewinds it to its first draw. */
    public RandomStream reset(long newKey) {
        this.key = newKey;
        this.counter = 0;
        return this;
    }

    /** A stable 64-bit hash of an address (FNV-1a), for keying draws by recipient. */
    public static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    @Override
    public long nextLong() {
        long z = key + (++counter) * GAMMA;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
