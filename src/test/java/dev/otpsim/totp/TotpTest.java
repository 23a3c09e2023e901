package dev.otpsim.totp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.distribution.RandomStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {
    private static final byte[] SEED20 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED32 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED64 = "1234567890123456789012345678901234567890123456789012345678901234"
            .getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238, Appendix B: every time and hash of the table, 8 digits, X = 30 s, T0 = 0. */
    @ParameterizedTest(name = "t = {0} s: {2}")
    @CsvSource({
        "59,          0000000000000001, 94287082, 46119246, 90693936",
        "1111111109,  00000000023523EC, 07081804, 68084774, 25091201",
        "1111111111,  00000000023523ED, 14050471, 67062674, 99943326",
        "1234567890,  000000000273EF07, 89005924, 91819424, 93441116",
        "2000000000,  0000000003F940AA, 69279037, 90698825, 38618901",
        "20000000000, 0000000027BC86AA, 65353130, 77737706, 47863826",
    })
    void rfc6238AppendixBTestVectors(long seconds, String stepHex, String sha1, String sha256, String sha512) {
        long unixMillis = seconds * 1000;
        Totp one = new Totp(Totp.Algorithm.SHA1, 8, 30_000);
        assertEquals(Long.parseLong(stepHex, 16), one.stepAt(unixMillis), "T");
        assertEquals(sha1, one.codeAt(SEED20, unixMillis), "SHA1");
        assertEquals(sha256, new Totp(Totp.Algorithm.SHA256, 8, 30_000).codeAt(SEED32, unixMillis), "SHA256");
        assertEquals(sha512, new Totp(Totp.Algorithm.SHA512, 8, 30_000).codeAt(SEED64, unixMillis), "SHA512");
    }

    /** RFC 4226, Appendix D: HOTP's six-digit values for counters 0–9 (the truncation TOTP rests on). */
    @Test
    void rfc4226AppendixDHotpValues() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583",
            "399871", "520489"};
        Totp six = new Totp(Totp.Algorithm.SHA1, 6, 30_000);
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c], six.code(SEED20, c), "counter " + c);
        }
    }

    @Test
    void aStepBoundaryChangesTheCodeOneMillisecondLater() {
        Totp totp = Totp.defaults();
        assertEquals(totp.codeAt(SEED20, 0), totp.codeAt(SEED20, 29_999));
        assertNotEquals(totp.codeAt(SEED20, 29_999), totp.codeAt(SEED20, 30_000));
        assertEquals(-1, totp.stepAt(-1), "a phone clock behind simulated zero reads the step before");
    }

    @Test
    void matchStepFindsTheStepWithinTheWindowOnly() {
        Totp totp = Totp.defaults();
        String code = totp.code(SEED20, 100);
        assertEquals(100, totp.matchStep(SEED20, code, 101, 1));
        assertEquals(100, totp.matchStep(SEED20, code, 99, 1));
        assertEquals(Totp.NO_STEP, totp.matchStep(SEED20, code, 102, 1));
        assertEquals(Totp.NO_STEP, totp.matchStep(SEED20, code, 101, 0));
    }

    @Test
    void secretsAreReadAsTextHexOrBase32AndNothingElse() {
        assertArrayEquals(SEED20, Secrets.parse("text:12345678901234567890"));
        assertArrayEquals(SEED20, Secrets.parse("hex:3132333435363738393031323334353637383930"));
        assertArrayEquals(SEED20, Secrets.parse("base32:GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
        assertArrayEquals(SEED20, Secrets.parse("base32:gezd gnbv gy3t qojq gezd gnbv gy3t qojq"));
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Secrets.base32(SEED20));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Secrets.parse("base32:GEZDGNBV1"))
                .getMessage().contains("A-Z and 2-7"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Secrets.parse("hex:31x2"))
                .getMessage().contains("0-9"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Secrets.parse("12345"))
                .getMessage().contains("text:"));
        assertThrows(IllegalArgumentException.class, () -> Secrets.parse("text:"));
    }

    @Test
    void derivedSecretsAreKeyedBySeedAndPerson() {
        assertArrayEquals(derive(7, 17, Totp.Algorithm.SHA1), derive(7, 17, Totp.Algorithm.SHA1));
        assertEquals(20, derive(7, 17, Totp.Algorithm.SHA1).length);
        assertEquals(64, derive(7, 17, Totp.Algorithm.SHA512).length);
        assertNotEquals(Secrets.base32(derive(7, 17, Totp.Algorithm.SHA1)),
                Secrets.base32(derive(7, 18, Totp.Algorithm.SHA1)));
        assertNotEquals(Secrets.base32(derive(7, 17, Totp.Algorithm.SHA1)),
                Secrets.base32(derive(8, 17, Totp.Algorithm.SHA1)));
    }

    private static byte[] derive(long seed, long person, Totp.Algorithm algorithm) {
        return Secrets.derive(RandomStream.of(seed, person, RandomStream.Purpose.AUTHENTICATOR_SECRET), algorithm);
    }

    @Test
    void otpauthUriCarriesWhatAnAppNeeds() {
        String uri = new Totp(Totp.Algorithm.SHA256, 8, 60_000).otpauthUri("otpsim", "u-17", SEED20);
        assertEquals("otpauth://totp/otpsim:u-17?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=otpsim"
                + "&algorithm=SHA256&digits=8&period=60", uri);
    }
}
