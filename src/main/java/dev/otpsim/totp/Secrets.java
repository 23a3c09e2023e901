package dev.otpsim.totp;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.apache.commons.codec.binary.Base32;

/**
 * Authenticator secrets: written in scenarios as {@code text:...}, {@code hex:...} or
 * {@code base32:...} (the encoding services hand out in {@code otpauth://} URIs), and derived per
 * simulated person from the run's seed for the embedded target.
 *
 * <pre>{@code
 * byte[] k = Secrets.parse("base32:GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");   // "12345678901234567890"
 * byte[] p = Secrets.derive(RandomStream.of(runSeed, 17, Purpose.AUTHENTICATOR_SECRET), Totp.Algorithm.SHA1);  // person 17's
 * }</pre>
 */
public final class Secrets {
    /** How a secret's text may begin. */
    public static final String TEXT = "text:";
    public static final String HEX = "hex:";
    public static final String BASE32 = "base32:";

    private Secrets() {
    }

    /**
     * The bytes of a written secret.
     *
     * @throws IllegalArgumentException saying what is wrong with it, e.g. a character outside base32's alphabet
     */
    public static byte[] parse(String written) {
        if (written.startsWith(TEXT)) {
            return nonEmpty(written.substring(TEXT.length()).getBytes(StandardCharsets.UTF_8));
        }
        if (written.startsWith(HEX)) {
            String hex = written.substring(HEX.length());
            if (hex.length() % 2 != 0) {
                throw new IllegalArgumentException("hex: needs an even number of digits, got " + hex.length());
            }
            try {
                return nonEmpty(HexFormat.of().parseHex(hex));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("hex: expected only 0-9 and a-f, got \"" + hex + "\"");
            }
        }
        if (written.startsWith(BASE32)) {
            String b32 = written.substring(BASE32.length()).replace(" ", "").toUpperCase(Locale.ROOT);
            String unpadded = b32.replaceAll("=+$", "");
            // commons-codec skips characters outside the alphabet: a typo must be an error, not a shorter key.
            if (!unpadded.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) {
                throw new IllegalArgumentException("base32: expected only A-Z and 2-7 (RFC 4648), got \"" + b32 + "\"");
            }
            return nonEmpty(new Base32().decode(unpadded));
        }
        throw new IllegalArgumentException("expected a secret written as text:..., hex:... or base32:...");
    }

    /** Base32 without padding, as authenticator apps show and read it. */
    public static String base32(byte[] secret) {
        return new Base32().encodeToString(secret).replace("=", "");
    }

    /**
     * A secret of as many bytes as the hash's output, drawn from {@code keyed}. The run passes
     * person n's keyed stream (seed, n, {@code AUTHENTICATOR_SECRET}), so every variant of a
     * comparison gives the same person the same secret; the stream comes from the caller so this
     * package stays a leaf.
     */
    public static byte[] derive(RandomGenerator keyed, Totp.Algorithm algorithm) {
        byte[] k = new byte[algorithm.keyBytes()];
        keyed.nextBytes(k);
        return k;
    }

    private static byte[] nonEmpty(byte[] k) {
        if (k.length == 0) {
            throw new IllegalArgumentException("the secret is empty");
        }
        return k;
    }
}
