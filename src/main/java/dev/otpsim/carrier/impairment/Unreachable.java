package dev.otpsim.carrier.impairment;

import dev.otpsim.distribution.Mix;

import dev.otpsim.distribution.Durations;

/**
 * Handsets out of coverage: a {@code share} of recipients cannot be reached from {@code from}
 * for {@code for}. The carrier stores their messages and forwards them, in a burst, when
 * coverage returns — unless that is more than {@code validity} after the message was issued,
 * in which case the carrier discards it (SMS "validity period").
 *
 * <p>Who is out of coverage depends only on the recipient's address and the run seed, never on
 * message order or channel: the same person is unreachable on every channel that configures the
 * same share, as a phone out of coverage misses both SMS and calls.
 *
 * <pre>
 * unreachable { share = 0.05, from = 0s, for = 10m, validity = 24h }
 * </pre>
 */
public record Unreachable(double share, long fromMillis, long forMillis, long validityMillis) implements Impairment {
    public static final String KEY = "unreachable";

    public Unreachable {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in [0, 1], got " + share);
        }
        if (fromMillis < 0 || forMillis < 0 || validityMillis < 0) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /** End of the coverage gap: when stored messages are forwarded. */
    public long backInCoverageMillis() {
        return fromMillis + forMillis;
    }

    /** True when {@code address} belongs to the share of people out of coverage in this run. */
    public boolean affects(String address, long runSeed) {
        // A stable hash (String.hashCode is specified) mixed with the seed: a uniform in [0, 1).
        long h = Mix.mix64(runSeed ^ Mix.mix64(address.hashCode() * 0x9E3779B97F4A7C15L + address.length()));
        double u = (h >>> 11) * 0x1.0p-53;
        return u < share;
    }

    /** True when an affected handset is out of coverage at {@code atMillis}. */
    public boolean outOfCoverageAt(long atMillis) {
        return atMillis >= fromMillis && atMillis < backInCoverageMillis();
    }

    @Override
    public Step step() {
        return Step.UNREACHABLE;
    }

    /**
     * Store and forward: a copy due while the handset is out of coverage waits for coverage to
     * return; if that is after issue + validity, the carrier discards the message (a duplicate
     * that would expire is simply not sent).
     */
    @Override
    public Stage newStage(StageContext carrier) {
        long seed = carrier.runSeed();
        return (m, draws) -> {
            if (!affects(m.to, seed)) {
                return;
            }
            long expiresAt = m.issuedAt + validityMillis;
            if (outOfCoverageAt(m.visible)) {
                if (backInCoverageMillis() > expiresAt) {
                    m.lose(LossReason.EXPIRED_UNREACHABLE, expiresAt);
                    return;
                }
                m.visible = backInCoverageMillis();
            }
            if (m.copyAt != Transit.NO_COPY && outOfCoverageAt(m.copyAt)) {
                m.copyAt = backInCoverageMillis() > expiresAt ? Transit.NO_COPY : backInCoverageMillis();
            }
        };
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String describe() {
        return "unreachable " + share + " of handsets from " + Durations.show(fromMillis) + " for "
                + Durations.show(forMillis) + ", validity " + Durations.show(validityMillis);
    }
}
