package dev.otpsim.totp;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238): HOTP (RFC 4226) over the number of whole time steps
 * since the Unix epoch, with the JDK's HMAC ({@link Mac} HmacSHA1, HmacSHA256, HmacSHA512).
 * Plain Java with no clock of its own: the caller says what time it is, in Unix milliseconds, so
 * a person's skewed phone, the service and the ledger each read their own time.
 *
 * <pre>{@code
 * Totp totp = new Totp(Totp.Algorithm.SHA1, 6, 30_000);
 * String now = totp.codeAt(secret, 59_000);                    // the code of step 1 (30 s – 60 s)
 * long step = totp.matchStep(secret, typed, totp.stepAt(t), 1); // the step within ±1 that made it, or NO_STEP
 * }</pre>
 *
 * @param algorithm  the HMAC's hash (authenticator apps: SHA-1 almost everywhere)
 * @param digits     code length, 6 to 8 (RFC 4226 truncation gives 31 bits: more says nothing)
 * @param stepMillis the time step X (RFC 6238 default 30 s)
 */
public record Totp(Algorithm algorithm, int digits, long stepMillis) {
    public static final int MIN_DIGITS = 6;
    public static final int MAX_DIGITS = 8;
    /** What {@link #matchStep} answers when no step of the window made the code. */
    public static final long NO_STEP = Long.MIN_VALUE;
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    /** The HMAC hash functions RFC 6238 names. */
    public enum Algorithm {
        SHA1("sha1", "HmacSHA1", 20), SHA256("sha256", "HmacSHA256", 32), SHA512("sha512", "HmacSHA512", 64);

        private final String id;
        private final String mac;
        private final int keyBytes;
        // One Mac per thread and algorithm: getInstance looks providers up, which costs more than the HMAC.
        private final ThreadLocal<Mac> perThread;

        Algorithm(String id, String mac, int keyBytes) {
            this.id = id;
            this.mac = mac;
            this.keyBytes = keyBytes;
            this.perThread = ThreadLocal.withInitial(() -> {
                try {
                    return Mac.getInstance(mac);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("the JDK has no " + mac, e);
                }
            });
        }

        /** The name in scenarios and {@code otpauth://} URIs (upper-cased there): sha1, sha256, sha512. */
        public String id() {
            return id;
        }

        /** The JCA name, e.g. {@code HmacSHA1}. */
        public String macName() {
            return mac;
        }

        /** A secret as long as the hash's output, as RFC 6238's test vectors and most services use. */
        public int keyBytes() {
            return keyBytes;
        }

        public static Map<String, Algorithm> byId() {
            return Map.of(SHA1.id, SHA1, SHA256.id, SHA256, SHA512.id, SHA512);
        }

        Mac mac() {
            return perThread.get();
        }
    }

    public Totp {
        if (algorithm == null) {
            throw new IllegalArgumentException("algorithm is required");
        }
        if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
            throw new IllegalArgumentException("digits must be in [" + MIN_DIGITS + ", " + MAX_DIGITS + "], got " + digits);
        }
        if (stepMillis < 1) {
            throw new IllegalArgumentException("step must be positive, got " + stepMillis + " ms");
        }
    }

    /** The RFC's defaults: HMAC-SHA1, 6 digits, 30 s. */
    public static Totp defaults() {
        return new Totp(Algorithm.SHA1, 6, 30_000);
    }

    /** The time step holding {@code unixMillis} (T = floor(t / X), T0 = 0; negative before the epoch). */
    public long stepAt(long unixMillis) {
        return Math.floorDiv(unixMillis, stepMillis);
    }

    /** When {@code step} begins, in Unix ms. */
    public long stepStartMillis(long step) {
        return step * stepMillis;
    }

    /** The code shown at {@code unixMillis}. */
    public String codeAt(byte[] secret, long unixMillis) {
        return code(secret, stepAt(unixMillis));
    }

    /** HOTP(secret, step): HMAC of the step as 8 big-endian bytes, dynamically truncated, zero-padded. */
    public String code(byte[] secret, long step) {
        Mac mac = algorithm.mac();
        try {
            mac.init(new SecretKeySpec(secret, algorithm.macName()));
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalArgumentException("unusable secret: " + e.getMessage(), e);
        }
        byte[] h = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        int offset = h[h.length - 1] & 0x0f;
        int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
                | (h[offset + 3] & 0xff);
        String s = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - s.length()) + s;
    }

    /**
     * The step in {@code [center − window, center + window]} whose code is {@code typed}, or
     * {@link #NO_STEP}. Every step is computed and compared in constant time, whichever matched,
     * so the time taken does not tell a guesser how close they were. When two steps share a code
     * (one in 10^digits per pair) the latest wins.
     */
    public long matchStep(byte[] secret, String typed, long center, int window) {
        byte[] guess = typed.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long found = NO_STEP;
        for (long s = center - window; s <= center + window; s++) {
            if (MessageDigest.isEqual(code(secret, s).getBytes(java.nio.charset.StandardCharsets.US_ASCII), guess)) {
                found = s;
            }
        }
        return found;
    }

    /** A description for banners: {@code sha1, 6 digits, step 30s}. */
    public String describe() {
        long s = stepMillis;
        String step = s % 1000 == 0 ? (s / 1000) + "s" : s + "ms";
        return algorithm.id() + ", " + digits + " digits, step " + step;
    }

    /** The {@code otpauth://totp/...} URI authenticator apps read from a QR code (Key Uri Format). */
    public String otpauthUri(String issuer, String account, byte[] secret) {
        String label = enc(issuer) + ":" + enc(account);
        return "otpauth://totp/" + label + "?secret=" + Secrets.base32(secret) + "&issuer=" + enc(issuer)
                + "&algorithm=" + algorithm.id().toUpperCase(Locale.ROOT) + "&digits=" + digits + "&period="
                + Math.max(1, stepMillis / 1000);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
