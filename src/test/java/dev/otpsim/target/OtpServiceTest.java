package dev.otpsim.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.clock.ManualClock;
import dev.otpsim.handset.Channel;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OtpServiceTest {
    private final ManualClock clock = new ManualClock();
    private final CapturingOutbox outbox = new CapturingOutbox();

    private OtpService service(TargetPolicy policy) {
        return new OtpService(policy, clock, outbox, new SplittableRandom(7));
    }

    /** Defaults with no resend cooldown, so tests can resend at will. */
    private static TargetPolicy noCooldown(Rotation rotation) {
        return TargetPolicy.defaults().withRotation(rotation).withResendCooldown(Duration.ZERO);
    }

    private static long retryAfter(Object result) {
        if (result instanceof SendResult.RateLimited r) {
            return r.retryAfterMs();
        }
        if (result instanceof SendResult.Locked l) {
            return l.retryAfterMs();
        }
        if (result instanceof VerifyResult.Locked l) {
            return l.retryAfterMs();
        }
        throw new AssertionError("no retry-after in " + result);
    }

    @Test
    void sendHandsTheCodeToTheOutboxForThatPersonAndChannel() {
        OtpService s = service(TargetPolicy.defaults());
        SendResult.Sent sent = assertInstanceOf(SendResult.Sent.class, s.send("u-17", Channel.VOICE));
        assertEquals(1, outbox.messages.size());
        CapturingOutbox.Message m = outbox.last();
        assertEquals(Channel.VOICE, m.channel());
        assertEquals("u-17", m.to());
        assertEquals(sent.code(), m.code());
        assertEquals("Your otpsim code is " + sent.code() + ". It expires in 10 minutes.", m.body());
        assertTrue(sent.code().matches("\\d{6}"), sent.code());
        assertEquals(600_000, sent.expiresAtMs() - sent.issuedAtMs());
        assertInstanceOf(VerifyResult.Accepted.class, s.verify("u-17", sent.code()));
    }

    @Test
    void aSendTheOutboxCannotTakeIssuesNoCodeAndChangesNothing() {
        OtpService s = service(TargetPolicy.defaults().withMaxAttempts(3, Duration.ofMinutes(30))
                .withAttemptsResetOnResend(true));
        String first = ((SendResult.Sent) s.send("u", Channel.SMS)).code();
        s.verify("u", "000000".equals(first) ? "000001" : "000000");
        s.verify("u", "000000".equals(first) ? "000001" : "000000");
        clock.advance(Duration.ofMinutes(1));

        outbox.taking = false;
        assertInstanceOf(SendResult.Unavailable.class, s.send("u", Channel.SMS));
        assertEquals(1, s.sendsUnavailable());
        assertEquals(1, s.codesHandedOver());
        assertEquals(1, outbox.messages.size());
        assertInstanceOf(VerifyResult.Accepted.class, s.verify("u", first),
                "the refused send neither replaced the code nor reset the attempts");

        outbox.taking = true;
        clock.advance(Duration.ofSeconds(1));
        SendResult.Sent again = assertInstanceOf(SendResult.Sent.class, s.send("u", Channel.SMS),
                "no cooldown was consumed by the refused send");
        assertEquals(again.code(), outbox.last().code());
    }

    @Test
    void aRefusedSendDoesNotBuyFreshAttempts() {
        OtpService s = service(TargetPolicy.defaults().withMaxAttempts(2, Duration.ofMinutes(30))
                .withResendCooldown(Duration.ZERO).withAttemptsResetOnResend(true));
        s.send("u", Channel.SMS);
        s.verify("u", "wrong");
        outbox.taking = false;
        assertInstanceOf(SendResult.Unavailable.class, s.send("u", Channel.SMS));
        assertInstanceOf(VerifyResult.Invalid.class, s.verify("u", "wrong"));
        assertInstanceOf(VerifyResult.Locked.class, s.verify("u", "wrong"), "two failures lock: the refused send reset nothing");
    }

    @Test
    void codeLengthIsHonoured() {
        OtpService s = service(TargetPolicy.defaults().withCode(9, Duration.ofMinutes(1)));
        String code = ((SendResult.Sent) s.send("u", Channel.SMS)).code();
        assertTrue(code.matches("\\d{9}"), code);
    }

    @Test
    void aCodeIsAcceptedOnlyOnce() {
        OtpService s = service(TargetPolicy.defaults());
        String code = ((SendResult.Sent) s.send("u", Channel.SMS)).code();
        assertInstanceOf(VerifyResult.Accepted.class, s.verify("u", code));
        assertInstanceOf(VerifyResult.Invalid.class, s.verify("u", code));
    }

    @Test
    void codesArePerPerson() {
        OtpService s = service(noCooldown(Rotation.ANY_UNEXPIRED));
        String forAlice = ((SendResult.Sent) s.send("alice", Channel.SMS)).code();
        s.send("bob", Channel.SMS);
        assertInstanceOf(VerifyResult.Invalid.class, s.verify("bob", forAlice));
        assertInstanceOf(VerifyResult.Accepted.class, s.verify("alice", forAlice));
    }

    @Test
    void anExpiredCodeAnswersExpiredAndIsNotAFailedAttempt() {
        OtpService s = service(TargetPolicy.defaults().withMaxAttempts(1, Duration.ofMinutes(30)));
        String code = ((SendResult.Sent) s.send("u", Channel.SMS)).code();
        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        clock.advance(Duration.ofMillis(1)); // exactly at expiry: no longer valid
        assertInstanceOf(VerifyResult.Expired.class, s.verify("u", code));
        // With max-attempts 1 a counted failure would have locked the person.
        assertInstanceOf(SendResult.Sent.class, s.send("u", Channel.SMS));
    }

    @Test
    void aCodeIsValidUntilJustBeforeItsTtl() {
        OtpService s = service(TargetPolicy.defaults());
        String code = ((SendResult.Sent) s.send("u", Channel.SMS)).code();
        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertInstanceOf(VerifyResult.Accepted.class, s.verify("u", code));
    }

    @Nested
    class Rotations {
        @Test
        void latestOnlyRejectsASupersededCode() {
            OtpService s = service(noCooldown(Rotation.LATEST_ONLY));
            String first = ((SendResult.Sent) s.send("u", Channel.SMS)).code();
            clock.advance(Duration.ofSeconds(40));
            String second = ((SendResult.Sent) s.send("u", Channel.SMS)).code();
            assertNotEquals(first, second);
            assertInstanceOf(VerifyResult.Invalid.class, s.verify("u", first));
            assertInstanceOf(VerifyResult.Accepted.class, s.verify("u", second));
        }

        @Test
        void anyUnexpiredAcceptsASupersededCode() {
            OtpService s = service(noCooldown(Rotation.ANY_UNEXPIRED));
            String first = ((SendResult.Sent) s.send("u", Channel.SMS)).code();
            clock.advance(Duration.ofSeconds(40));
            String second = ((SendResult.Sent) s.send("u", Channel.SMS)).code();
            assertNotEquals(first, second);
            assertInstanceOf(VerifyResult.Accepted.class, s.verify("u", first));
            // Consumed together with its siblings: a sign-in ends the verification.
            assertInstanceOf(VerifyResult.Invalid.class, s.verify("u", second));
        }

        @Test
        void anyUnexpiredStillExpiresEachCodeOnItsOwnTtl() {
            OtpService s = service(noCooldown(Rotation.ANY_UNEXPIRED));
            String first = ((SendResult.Sent) s.send("u", Channel.SMS)).code();
            clock.advance(Duration.ofMinutes(6));
            String second = ((SendResult.Sent) s.send("u", Channel.SMS)).code();
            clock.advance(Duration.ofMinutes(5));
            assertInstanceOf(VerifyResult.Expired.class, s.verify("u", first));
            assertInstanceOf(VerifyResult.Accepted.class, s.verify("u", second));
        }

        @Test
        void sameCodeResendsTheCurrentCodeSoNoSupersededCodeExists() {
            OtpService s = service(noCooldown(Rotation.SAME_CODE));
            SendResult.Sent first = (SendResult.Sent) s.send("u", Channel.SMS);
            clock.advance(Duration.ofMinutes(4));
            SendResult.Sent resend = (SendResult.Sent) s.send("u", Channel.SMS);
            assertTrue(first.fresh());
            assertFalse(resend.fresh());
            assertEquals(first.code(), resend.code());
            assertEquals(first.expiresAtMs(), resend.expiresAtMs(), "a resend does not extend the code's life");
            assertEquals(first.code(), outbox.messages.get(1).code(), "the same code really went out again");
            assertTrue(outbox.messages.get(1).body().endsWith("It expires in 6 minutes."), outbox.last().body());
            assertInstanceOf(VerifyResult.Accepted.class, s.verify("u", first.code()));
        }

        @Test
        void sameCodeIssuesAFreshCodeOnceTheCurrentOneExpired() {
            OtpService s = service(noCooldown(Rotation.SAME_CODE));
            String first = ((SendResult.Sent) s.send("u", Channel.SMS)).code();
            clock.advance(Duration.ofMinutes(11));
            SendResult.Sent next = (SendResult.Sent) s.send("u", Channel.SMS);
            assertTrue(next.fresh());
            assertNotEquals(first, next.code());
            assertInstanceOf(VerifyResult.Expired.class, s.verify("u", first));
            assertInstanceOf(VerifyResult.Accepted.class, s.verify("u", next.code()));
        }
    }

    @Nested
    class SendLimits {
        @Test
        void cooldownRefusesWithTheExactTimeLeft() {
            OtpService s = service(TargetPolicy.defaults().withResendCooldown(Duration.ofSeconds(30)));
            s.send("u", Channel.SMS);
            clock.advance(Duration.ofMillis(12_345));
            SendResult r = s.send("u", Channel.SMS);
            SendResult.RateLimited limited = assertInstanceOf(SendResult.RateLimited.class, r);
            assertEquals(SendLimit.RESEND_TOO_SOON, limited.limit());
            assertEquals(30_000 - 12_345, limited.retryAfterMs());
            clock.advance(Duration.ofMillis(limited.retryAfterMs() - 1));
            assertInstanceOf(SendResult.RateLimited.class, s.send("u", Channel.SMS));
            clock.advance(Duration.ofMillis(1));
            assertInstanceOf(SendResult.Sent.class, s.send("u", Channel.SMS));
            assertEquals(2, outbox.messages.size(), "refused sends hand nothing over");
        }

        @Test
        void maxSendsPerWindowRefusesUntilTheOldestSendLeavesTheWindow() {
            OtpService s = service(TargetPolicy.defaults().withResendCooldown(Duration.ofSeconds(30))
                    .withMaxSends(3, Duration.ofMinutes(10)));
            s.send("u", Channel.SMS);                  // t = 0
            clock.advance(Duration.ofMinutes(1));
            s.send("u", Channel.SMS);                  // t = 1 min
            clock.advance(Duration.ofMinutes(1));
            s.send("u", Channel.SMS);                  // t = 2 min
            clock.advance(Duration.ofMinutes(1));      // t = 3 min, cooldown long over
            SendResult.RateLimited limited = assertInstanceOf(SendResult.RateLimited.class, s.send("u", Channel.SMS));
            assertEquals(SendLimit.TOO_MANY_SENDS, limited.limit());
            assertEquals(Duration.ofMinutes(7).toMillis(), limited.retryAfterMs());
            clock.advance(Duration.ofMinutes(7).minusMillis(1));
            assertInstanceOf(SendResult.RateLimited.class, s.send("u", Channel.SMS));
            clock.advance(Duration.ofMillis(1));       // the t = 0 send leaves the window
            assertInstanceOf(SendResult.Sent.class, s.send("u", Channel.SMS));
            // Now sends at 1, 2 and 10 min are in the window: next slot opens at 11 min.
            clock.advance(Duration.ofSeconds(30));
            assertEquals(Duration.ofSeconds(30).toMillis(), retryAfter(s.send("u", Channel.SMS)));
        }

        @Test
        void whenBothLimitsApplyTheLongerWaitIsReported() {
            OtpService s = service(TargetPolicy.defaults().withResendCooldown(Duration.ofMinutes(2))
                    .withMaxSends(2, Duration.ofMinutes(3)));
            s.send("u", Channel.SMS);                  // t = 0
            clock.advance(Duration.ofMinutes(2));
            s.send("u", Channel.SMS);                  // t = 2 min
            clock.advance(Duration.ofSeconds(30));     // window frees at 3 min, cooldown ends at 4 min
            SendResult.RateLimited limited = assertInstanceOf(SendResult.RateLimited.class, s.send("u", Channel.SMS));
            assertEquals(SendLimit.RESEND_TOO_SOON, limited.limit());
            assertEquals(Duration.ofSeconds(90).toMillis(), limited.retryAfterMs());
        }
    }

    @Nested
    class Lockout {
        private final TargetPolicy policy = TargetPolicy.defaults().withMaxAttempts(3, Duration.ofMinutes(30));

        @Test
        void maxAttemptsFailuresLockForTheLockoutDurationThenItLifts() {
            OtpService s = service(policy);
            String code = ((SendResult.Sent) s.send("u", Channel.SMS)).code();
            String wrong = code.equals("000000") ? "111111" : "000000";
            for (int i = 0; i < 3; i++) {
                assertInstanceOf(VerifyResult.Invalid.class, s.verify("u", wrong));
            }
            assertEquals(Duration.ofMinutes(30).toMillis(), retryAfter(s.verify("u", code)),
                    "even the right code is refused while locked");
            clock.advance(Duration.ofMinutes(10));
            assertEquals(Duration.ofMinutes(20).toMillis(), retryAfter(s.verify("u", wrong)));
            assertEquals(Duration.ofMinutes(20).toMillis(), retryAfter(s.send("u", Channel.SMS)),
                    "a locked person cannot ask for a code either");
            clock.advance(Duration.ofMinutes(20).minusMillis(1));
            assertInstanceOf(VerifyResult.Locked.class, s.verify("u", wrong));
            clock.advance(Duration.ofMillis(1));
            String fresh = ((SendResult.Sent) s.send("u", Channel.SMS)).code();
            assertInstanceOf(VerifyResult.Invalid.class, s.verify("u", wrong));
            assertInstanceOf(VerifyResult.Invalid.class, s.verify("u", wrong));
            assertInstanceOf(VerifyResult.Accepted.class, s.verify("u", fresh), "the lift gives a full set of attempts");
        }

        @Test
        void lockedVerificationsAreNotEvaluated() {
            OtpService s = service(policy);
            s.send("u", Channel.SMS);
            for (int i = 0; i < 10; i++) {
                s.verify("u", "x");
            }
            assertEquals(3, s.guessesEvaluated());
        }

        @Test
        void aSuccessClearsTheFailureCount() {
            OtpService s = service(noCooldown(Rotation.LATEST_ONLY).withMaxAttempts(3, Duration.ofMinutes(30)));
            String code = ((SendResult.Sent) s.send("u", Channel.SMS)).code();
            s.verify("u", "x");
            s.verify("u", "x");
            assertInstanceOf(VerifyResult.Accepted.class, s.verify("u", code));
            String next = ((SendResult.Sent) s.send("u", Channel.SMS)).code();
            s.verify("u", "x");
            s.verify("u", "x");
            assertInstanceOf(VerifyResult.Accepted.class, s.verify("u", next));
        }
    }

    @Nested
    class AttemptsResetOnResend {
        private TargetPolicy policy(boolean reset) {
            return noCooldown(Rotation.LATEST_ONLY).withMaxAttempts(3, Duration.ofMinutes(30))
                    .withAttemptsResetOnResend(reset);
        }

        @Test
        void falseGivesANearlyLockedOutPersonNoFreshAttempts() {
            OtpService s = service(policy(false));
            s.send("u", Channel.SMS);
            s.verify("u", "x");
            s.verify("u", "x");
            String code = ((SendResult.Sent) s.send("u", Channel.SMS)).code();
            assertInstanceOf(VerifyResult.Invalid.class, s.verify("u", "x"), "third failure overall");
            assertInstanceOf(VerifyResult.Locked.class, s.verify("u", code), "locked although a new code was sent");
        }

        @Test
        void falseGivesALockedOutPersonNothing() {
            OtpService s = service(policy(false));
            s.send("u", Channel.SMS);
            for (int i = 0; i < 3; i++) {
                s.verify("u", "x");
            }
            assertInstanceOf(SendResult.Locked.class, s.send("u", Channel.SMS));
            assertInstanceOf(VerifyResult.Locked.class, s.verify("u", "x"));
            assertEquals(3, s.guessesEvaluated());
        }

        @Test
        void trueIsTheKnownBypassEachResendBuysFreshAttempts() {
            OtpService s = service(policy(true));
            s.send("u", Channel.SMS);
            s.verify("u", "x");
            s.verify("u", "x");
            String code = ((SendResult.Sent) s.send("u", Channel.SMS)).code();
            assertInstanceOf(VerifyResult.Invalid.class, s.verify("u", "x"));
            assertInstanceOf(VerifyResult.Invalid.class, s.verify("u", "x"));
            assertInstanceOf(VerifyResult.Accepted.class, s.verify("u", code), "four failures, still not locked");
        }

        @Test
        void trueStillRefusesSendsToALockedPerson() {
            OtpService s = service(policy(true));
            s.send("u", Channel.SMS);
            for (int i = 0; i < 3; i++) {
                s.verify("u", "x");
            }
            assertInstanceOf(SendResult.Locked.class, s.send("u", Channel.SMS));
        }
    }

    @Nested
    class Memory {
        @Test
        void completedSignInsAreForgottenOnceTheyCanNoLongerMatter() {
            OtpService s = service(TargetPolicy.defaults());
            for (int i = 0; i < 1000; i++) {
                String user = "u-" + i;
                String code = ((SendResult.Sent) s.send(user, Channel.SMS)).code();
                assertInstanceOf(VerifyResult.Accepted.class, s.verify(user, code));
            }
            assertEquals(1000, s.peopleRemembered(), "send history still limits these people for the window");
            clock.advance(Duration.ofMinutes(10));
            s.send("late", Channel.SMS); // any request runs the sweep when it is due
            assertEquals(1, s.peopleRemembered());
        }

        @Test
        void anExpiredCodeIsRememberedForOneMoreTtlThenForgotten() {
            OtpService s = service(TargetPolicy.defaults());
            String code = ((SendResult.Sent) s.send("u", Channel.SMS)).code();
            clock.advance(Duration.ofMinutes(20).minusMillis(1));
            assertEquals(0, s.forgetIdle());
            assertInstanceOf(VerifyResult.Expired.class, s.verify("u", code));
            clock.advance(Duration.ofMillis(1));
            assertEquals(1, s.forgetIdle());
            assertEquals(0, s.peopleRemembered());
        }

        @Test
        void aLockedPersonIsNotForgottenWhileLocked() {
            OtpService s = service(TargetPolicy.defaults().withMaxAttempts(1, Duration.ofMinutes(30)));
            s.send("u", Channel.SMS);
            s.verify("u", "x");
            clock.advance(Duration.ofMinutes(29));
            assertEquals(0, s.forgetIdle());
            assertInstanceOf(SendResult.Locked.class, s.send("u", Channel.SMS));
            clock.advance(Duration.ofMinutes(1));
            assertEquals(1, s.forgetIdle());
        }

        @Test
        void aPersonWhoseTimeToBeForgottenComesSoonerIsForgottenThen() {
            OtpService s = service(TargetPolicy.defaults());
            String code = ((SendResult.Sent) s.send("u", Channel.SMS)).code(); // code kept until 20 min
            s.verify("u", "x");                                                  // a failure: until 30 min
            clock.advance(Duration.ofMinutes(1));
            assertInstanceOf(VerifyResult.Accepted.class, s.verify("u", code)); // now only the send window: 10 min
            clock.advance(Duration.ofMinutes(9).minusMillis(1));
            assertEquals(0, s.forgetIdle());
            clock.advance(Duration.ofMillis(1));
            assertEquals(1, s.forgetIdle());
        }

        @Test
        void aPersonBusyAgainWhenTheirTimeComesIsLookedAtAgainLater() {
            OtpService s = service(TargetPolicy.defaults());
            s.send("u", Channel.SMS);                   // forgettable at 20 min
            clock.advance(Duration.ofMinutes(15));
            s.send("u", Channel.SMS);                   // now at 35 min
            clock.advance(Duration.ofMinutes(5));
            assertEquals(0, s.forgetIdle());
            clock.advance(Duration.ofMinutes(15).minusMillis(1));
            assertEquals(0, s.forgetIdle());
            assertEquals(1, s.peopleRemembered());
            clock.advance(Duration.ofMillis(1));
            assertEquals(1, s.forgetIdle());
            assertEquals(0, s.peopleRemembered());
        }

        @Test
        void failuresAreRememberedForALockoutAfterTheLastOne() {
            OtpService s = service(TargetPolicy.defaults().withMaxAttempts(2, Duration.ofMinutes(30)));
            s.send("u", Channel.SMS);
            s.verify("u", "x");
            clock.advance(Duration.ofMinutes(29));
            assertEquals(0, s.forgetIdle());
            String code = ((SendResult.Sent) s.send("u", Channel.SMS)).code();
            assertInstanceOf(VerifyResult.Invalid.class, s.verify("u", "x"));
            assertInstanceOf(VerifyResult.Locked.class, s.verify("u", code));
        }
    }
}
