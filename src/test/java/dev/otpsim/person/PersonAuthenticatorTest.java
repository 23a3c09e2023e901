package dev.otpsim.person;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.distribution.DurationDistribution;
import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handset;
import dev.otpsim.handset.Handsets;
import dev.otpsim.totp.Totp;
import dev.otpsim.totp.TotpClock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** People with authenticator apps, and the fallback order that ends in account recovery. */
class PersonAuthenticatorTest {
    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final Totp TOTP = Totp.defaults();
    private final Handset phone = new Handsets().register("u-1");

    /** Patience 30 s, reaction {@code reaction} ms, no typos, {@code maxResends} presses, 10 minutes. */
    private static PersonProfile profile(long reaction, int maxResends, Fallback fallback) {
        return PopulationParser.defaults().withName("t").withResendWaitMillis(30_000)
                .withPatience(new DurationDistribution.Fixed(30_000)).withReaction(new DurationDistribution.Fixed(reaction))
                .withCodeChoice(CodeChoice.NEWEST).withTypoRate(0).withMaxResends(maxResends)
                .withGiveUpAfterMillis(600_000).withFallback(fallback);
    }

    private static AuthenticatorApp app(long skew) {
        return new AuthenticatorApp(TOTP, SECRET, skew, TotpClock.SIMULATED);
    }

    private Person person(PersonProfile profile, AuthenticatorApp app) {
        return new Person(profile, phone, PersonDraws.sharing(new SplittableRandom(1)), app);
    }

    @Test
    void anEnrolledPersonReadsTheAppAndTypesItAfterTheirReactionWithoutAskingForACode() {
        Person p = person(profile(5_000, 3, Fallback.NONE), app(0));
        assertEquals(new Person.Wait(15_000), p.next(10_000), "reading, then typing for 5 s");
        Person.Submit s = assertInstanceOf(Person.Submit.class, p.next(15_000));
        assertTrue(s.authenticator());
        assertEquals(TOTP.codeAt(SECRET, 10_000), s.typed(), "the code shown when they looked");
        assertEquals(0, s.read().step());
        assertEquals(10_000, s.read().readAtMillis());
        p.onVerifyAnswer(15_000, TargetAnswer.ACCEPTED);
        assertEquals(JourneyOutcome.SUCCESS, p.outcome());
    }

    @Test
    void theCodeRollsOverWhileTheyTypeAndARefusedOneIsRetypedFromTheAppsNextCode() {
        Person p = person(profile(8_000, 3, Fallback.NONE), app(0));
        p.next(25_000); // looks at 25 s: step 0's code; types until 33 s, in step 1
        Person.Submit late = assertInstanceOf(Person.Submit.class, p.next(33_000));
        assertEquals(TOTP.code(SECRET, 0), late.typed());
        p.onVerifyAnswer(33_000, TargetAnswer.INVALID);
        // The app already shows step 1's code: they look again at once and type it 8 s later.
        assertEquals(new Person.Wait(41_000), p.next(33_000));
        Person.Submit again = assertInstanceOf(Person.Submit.class, p.next(41_000));
        assertEquals(TOTP.code(SECRET, 1), again.typed());
        assertEquals(33_000, again.read().readAtMillis());
    }

    @Test
    void aPhoneStillShowingTheRefusedCodeIsWatchedUntilItChanges() {
        // 40 s fast: at 5 s true time the phone shows step 1 (45 s); refused at once (reaction 0).
        Person p = person(profile(0, 3, Fallback.NONE), app(40_000));
        Person.Submit s = assertInstanceOf(Person.Submit.class, p.next(5_000));
        assertEquals(1, s.read().step());
        p.onVerifyAnswer(5_000, TargetAnswer.INVALID);
        // The phone reaches 60 s (step 2) at 20 s true time.
        assertEquals(new Person.Wait(20_000), p.next(5_000));
        assertEquals(2, assertInstanceOf(Person.Submit.class, p.next(20_000)).read().step());
    }

    @Test
    void afterRefusedAppCodesTheyMoveToTheNextChannelOfTheOrder() {
        Fallback f = new Fallback(2, List.of(SignInMethod.SMS, SignInMethod.RECOVERY), true);
        Person p = person(profile(0, 3, f), app(40_000));
        p.next(5_000);
        p.onVerifyAnswer(5_000, TargetAnswer.INVALID);
        p.next(20_000);
        p.onVerifyAnswer(20_000, TargetAnswer.INVALID);
        Person.RequestCode r = assertInstanceOf(Person.RequestCode.class, p.next(20_000));
        assertEquals(Channel.SMS, r.channel());
        assertTrue(!r.resend(), "the first code asked for in this journey");
        assertEquals(SignInMethod.SMS, p.method());
    }

    @Test
    void channelsInOrderThenRecoveryWhenNoCodeComes() {
        Fallback f = new Fallback(1, List.of(SignInMethod.VOICE, SignInMethod.AUTHENTICATOR, SignInMethod.RECOVERY),
                false);
        Person p = person(profile(0, 5, f), null); // no app: authenticator is skipped
        assertEquals(Channel.SMS, ((Person.RequestCode) p.next(0)).channel());
        p.onSendAnswer(0, TargetAnswer.ACCEPTED);
        assertEquals(Channel.SMS, ((Person.RequestCode) p.next(30_000)).channel());
        p.onSendAnswer(30_000, TargetAnswer.ACCEPTED);
        Person.RequestCode voice = assertInstanceOf(Person.RequestCode.class, p.next(60_000));
        assertEquals(Channel.VOICE, voice.channel());
        p.onSendAnswer(60_000, TargetAnswer.ACCEPTED);
        assertEquals(Channel.VOICE, ((Person.RequestCode) p.next(90_000)).channel(), "one resend on voice first");
        p.onSendAnswer(90_000, TargetAnswer.ACCEPTED);
        assertEquals(new Person.End(JourneyOutcome.RECOVERY), p.next(120_000));
    }

    @Test
    void listingTheAppInTheOrderMakesItAFallbackTurnedToWithoutAPress() {
        Fallback f = new Fallback(5, List.of(SignInMethod.AUTHENTICATOR), false);
        Person p = person(profile(1_000, 1, f), app(0));
        assertEquals(SignInMethod.SMS, p.method(), "the order says when the app comes");
        p.next(0);
        p.onSendAnswer(0, TargetAnswer.ACCEPTED);
        p.next(30_000);
        p.onSendAnswer(30_000, TargetAnswer.ACCEPTED);
        // Out of resends: they wait for their patience to run out (not for giving up) ...
        assertEquals(new Person.Wait(60_000), p.next(30_001));
        // ... then, with no code, turn to the app, which needs no press.
        assertEquals(new Person.Wait(61_000), p.next(60_000));
        assertEquals(SignInMethod.AUTHENTICATOR, p.method());
        assertTrue(assertInstanceOf(Person.Submit.class, p.next(61_000)).authenticator());

        // Without an app (lost device) there is nowhere to go: they wait to give up.
        Person q = new Person(profile(1_000, 1, f), new Handsets().register("u-2"),
                PersonDraws.sharing(new SplittableRandom(1)), null);
        q.next(0);
        q.onSendAnswer(0, TargetAnswer.ACCEPTED);
        q.next(30_000);
        q.onSendAnswer(30_000, TargetAnswer.ACCEPTED);
        assertEquals(new Person.Wait(600_000), q.next(60_000));
    }

    @Test
    void outOfResendsWithNoCodeTheyGoToRecoveryWhenTheirPatienceRunsOut() {
        Fallback f = new Fallback(5, List.of(SignInMethod.VOICE, SignInMethod.RECOVERY), false);
        Person p = person(profile(0, 1, f), null);
        p.next(0);
        p.onSendAnswer(0, TargetAnswer.ACCEPTED);
        p.next(30_000);
        p.onSendAnswer(30_000, TargetAnswer.ACCEPTED);
        assertEquals(new Person.Wait(60_000), p.next(30_001), "voice needs a press: recovery is next");
        assertEquals(new Person.End(JourneyOutcome.RECOVERY), p.next(60_000));
    }

    @Test
    void aLockMovesThemOnWhenTheOrderSaysSo() {
        Fallback toRecovery = new Fallback(2, List.of(SignInMethod.RECOVERY), true);
        Person p = person(profile(0, 3, toRecovery), null);
        p.next(0);
        p.onSendAnswer(0, TargetAnswer.ACCEPTED);
        phone.deliver(new Handset.Message(1, Channel.SMS, "123456", 0, 1_000, false));
        p.next(1_000);
        p.onVerifyAnswer(1_000, TargetAnswer.locked(60_000));
        assertEquals(JourneyOutcome.RECOVERY, p.outcome(), "locked, and recovery is next");

        Fallback stay = new Fallback(2, List.of(SignInMethod.RECOVERY), false);
        Handset other = new Handsets().register("u-3");
        Person q = new Person(profile(0, 3, stay), other, PersonDraws.sharing(new SplittableRandom(1)), null);
        q.next(0);
        q.onSendAnswer(0, TargetAnswer.ACCEPTED);
        other.deliver(new Handset.Message(1, Channel.SMS, "123456", 0, 1_000, false));
        assertInstanceOf(Person.Submit.class, q.next(1_000));
        q.onVerifyAnswer(1_000, TargetAnswer.locked(60_000));
        assertNull(q.outcome(), "on-lockout = stay: they wait the lock out");
        assertEquals(new Person.Wait(61_000), q.next(2_000));
    }

    @Test
    void aLockMovesThemToTheNextChannelAfterItLifts() {
        Fallback f = new Fallback(2, List.of(SignInMethod.VOICE, SignInMethod.RECOVERY), true);
        Person p = person(profile(0, 3, f), app(0));
        p.next(0);
        p.onVerifyAnswer(0, TargetAnswer.locked(60_000));
        assertEquals(SignInMethod.VOICE, p.method());
        assertEquals(new Person.Wait(60_000), p.next(1_000));
        assertEquals(Channel.VOICE, assertInstanceOf(Person.RequestCode.class, p.next(60_000)).channel());
    }

    @Test
    void aLockLongerThanTheirPatienceSendsThemToRecoveryWhenItLiesAhead() {
        Fallback f = new Fallback(2, List.of(SignInMethod.VOICE, SignInMethod.RECOVERY), true);
        Person p = person(profile(0, 3, f), app(0));
        p.next(0);
        p.onVerifyAnswer(0, TargetAnswer.locked(1_800_000)); // 30 min; they give up after 10
        assertEquals(JourneyOutcome.RECOVERY, p.outcome());

        Person q = new Person(profile(0, 3, new Fallback(2, List.of(SignInMethod.VOICE), true)),
                new Handsets().register("u-4"), PersonDraws.sharing(new SplittableRandom(1)), app(0));
        q.next(0);
        q.onVerifyAnswer(0, TargetAnswer.locked(1_800_000));
        assertEquals(JourneyOutcome.LOCKED_OUT, q.outcome(), "no recovery ahead: locked out, as before");
    }

    @Test
    void theOlderChannelFallbackIsTheOrderOfOneWithoutMovingOnLocks() {
        PersonProfile legacy = new PersonProfile("t", Channel.SMS, 30_000, new DurationDistribution.Fixed(30_000),
                new DurationDistribution.Fixed(0), CodeChoice.NEWEST, 0, 5, 600_000, 2, Channel.VOICE);
        assertEquals(new Fallback(2, List.of(SignInMethod.VOICE), false), legacy.fallback());
        assertNotEquals(Fallback.NONE, legacy.fallback());
    }
}
