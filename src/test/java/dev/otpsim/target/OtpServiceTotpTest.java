package dev.otpsim.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.otpsim.clock.ManualClock;
import dev.otpsim.handset.Channel;
import dev.otpsim.totp.Totp;
import dev.otpsim.totp.TotpClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The reference target's authenticator-app rules (policy {@code totp}), in simulated time. */
class OtpServiceTotpTest {
    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final Totp TOTP = Totp.defaults(); // sha1, 6 digits, 30 s
    private final ManualClock clock = new ManualClock();
    private final CapturingOutbox outbox = new CapturingOutbox();

    private OtpService service(TotpPolicy totp) {
        return service(TargetPolicy.defaults().withTotp(totp));
    }

    private OtpService service(TargetPolicy policy) {
        return new OtpService(policy, clock, outbox, new SplittableRandom(7),
                user -> user.equals("u-1") ? SECRET : null, TotpClock.SIMULATED);
    }

    private static TotpPolicy window(int w) {
        return new TotpPolicy(Duration.ofSeconds(30), 6, w, Totp.Algorithm.SHA1, true);
    }

    private VerifyResult typeAt(OtpService s, long at, String code) {
        clock.set(at);
        return s.verify("u-1", code);
    }

    /** Window 0: the code of step 1 (30 s – 60 s) works 1 ms before the boundary at 60 s and not 1 ms after it. */
    @Test
    void withoutAWindowACodeTyped1MsAfterItsStepEndedIsRefused() {
        String step1 = TOTP.code(SECRET, 1);
        assertInstanceOf(VerifyResult.Accepted.class, typeAt(service(window(0)), 59_999, step1));
        assertInstanceOf(VerifyResult.Invalid.class, typeAt(service(window(0)), 60_000, step1));
        // and it is not valid early either: 1 ms before its step began
        assertInstanceOf(VerifyResult.Invalid.class, typeAt(service(window(0)), 29_999, step1));
        assertInstanceOf(VerifyResult.Accepted.class, typeAt(service(window(0)), 30_000, step1));
    }

    /** Window ±1: the code of step 1 is accepted through step 2 and refused from step 3 (90 s) on. */
    @Test
    void aWindowOfOneStepAcceptsTheCodeUntil1MsBeforeTheStepAfterNext() {
        String step1 = TOTP.code(SECRET, 1);
        assertInstanceOf(VerifyResult.Accepted.class, typeAt(service(window(1)), 89_999, step1));
        assertInstanceOf(VerifyResult.Invalid.class, typeAt(service(window(1)), 90_000, step1));
        assertInstanceOf(VerifyResult.Accepted.class, typeAt(service(window(1)), 0, step1), "one step early");
    }

    /** A phone 20 s fast shows step 2's code at 45 s: within ±1 accepted, with window 0 refused. */
    @Test
    void aFastPhoneClockIsCoveredByTheWindow() {
        String shown = TOTP.codeAt(SECRET, 45_000 + 20_000);
        assertInstanceOf(VerifyResult.Accepted.class, typeAt(service(window(1)), 45_000, shown));
        assertInstanceOf(VerifyResult.Invalid.class, typeAt(service(window(0)), 45_000, shown));
    }

    @Test
    void aCodeAlreadyUsedInItsStepIsRefusedAndCountsAsAFailedAttempt() {
        OtpService s = service(window(1));
        String code = TOTP.codeAt(SECRET, 100_000);
        assertInstanceOf(VerifyResult.Accepted.class, typeAt(s, 100_000, code));
        assertInstanceOf(VerifyResult.Invalid.class, typeAt(s, 101_000, code), "replayed in its own step");
        assertInstanceOf(VerifyResult.Invalid.class, typeAt(s, 102_000, TOTP.code(SECRET, 2)),
                "an older step of the window is a replay too");
        assertEquals(2, s.replaysRefused());
        assertInstanceOf(VerifyResult.Accepted.class, typeAt(s, 120_000, TOTP.codeAt(SECRET, 120_000)),
                "the next step's code works");
    }

    @Test
    void replayAllowedAcceptsTheSameCodeAgain() {
        OtpService s = service(new TotpPolicy(Duration.ofSeconds(30), 6, 1, Totp.Algorithm.SHA1, false));
        String code = TOTP.codeAt(SECRET, 100_000);
        assertInstanceOf(VerifyResult.Accepted.class, typeAt(s, 100_000, code));
        assertInstanceOf(VerifyResult.Accepted.class, typeAt(s, 101_000, code));
        assertEquals(0, s.replaysRefused());
    }

    /** Refused authenticator codes spend attempts like wrong sent codes: three lock under max-attempts 3. */
    @Test
    void refusedAuthenticatorCodesCountTowardMaxAttempts() {
        OtpService s = service(TargetPolicy.defaults().withMaxAttempts(3, Duration.ofMinutes(30)));
        String stale = TOTP.code(SECRET, 0);
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(VerifyResult.Invalid.class, typeAt(s, 300_000 + i, stale));
        }
        assertInstanceOf(VerifyResult.Locked.class, typeAt(s, 300_010, TOTP.codeAt(SECRET, 300_010)),
                "locked: even the right code is refused");
    }

    @Test
    void onlyEnrolledPeopleAreCheckedAgainstTheirSecret() {
        OtpService s = service(window(1));
        clock.set(50_000);
        assertInstanceOf(VerifyResult.Invalid.class, s.verify("u-2", TOTP.codeAt(SECRET, 50_000)));
    }

    @Test
    void sentCodesStillWorkForEnrolledPeopleAndAnAcceptedAuthenticatorCodeDiscardsThem() {
        OtpService s = service(window(1));
        clock.set(1_000);
        String sent = ((SendResult.Sent) s.send("u-1", Channel.SMS)).code();
        assertInstanceOf(VerifyResult.Accepted.class, s.verify("u-1", TOTP.codeAt(SECRET, 1_000)));
        assertInstanceOf(VerifyResult.Invalid.class, s.verify("u-1", sent), "signed in: the sent code is gone");
    }

    @Test
    void enrolmentOverTheServiceGivesANewSecretItAccepts() {
        OtpService s = new OtpService(TargetPolicy.defaults(), clock, outbox, new SplittableRandom(3));
        byte[] k = s.enrol("u-9");
        assertEquals(20, k.length);
        clock.set(77_000);
        assertInstanceOf(VerifyResult.Accepted.class, s.verify("u-9", TOTP.codeAt(k, 77_000)));
    }

    @Test
    void aUsedStepOutlivesTheIdleSweepWhileItCouldBeReplayed() {
        OtpService s = service(TargetPolicy.defaults().withMaxAttempts(5, Duration.ofSeconds(1)));
        String code = TOTP.codeAt(SECRET, 30_000);
        assertInstanceOf(VerifyResult.Accepted.class, typeAt(s, 30_000, code));
        clock.set(59_000);
        s.forgetIdle();
        assertInstanceOf(VerifyResult.Invalid.class, s.verify("u-1", code), "still remembered");
        clock.set(120_000);
        assertEquals(1, s.forgetIdle(), "forgotten once the step left every window");
    }
}
