package dev.otpsim.person;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.distribution.DurationDistribution;
import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handset;
import dev.otpsim.handset.Handsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PersonTest {
    private final Handsets handsets = new Handsets();
    private final Handset phone = handsets.register("u-1");
    private long messageId;

    private static PersonProfile profile(long resendWait, long patience, CodeChoice choice, double typo, int maxResends,
                                         long giveUp, int fallbackAfter, Channel fallback) {
        return PopulationParser.defaults().withName("t").withResendWaitMillis(resendWait)
                .withPatience(new DurationDistribution.Fixed(patience)).withReaction(new DurationDistribution.Fixed(0))
                .withCodeChoice(choice).withTypoRate(typo).withMaxResends(maxResends).withGiveUpAfterMillis(giveUp)
                .withFallback(fallbackAfter > 0 ? Fallback.legacy(fallbackAfter, fallback) : Fallback.NONE);
    }

    private void arrive(String code, long at) {
        phone.deliver(new Handset.Message(++messageId, Channel.SMS, code, at, at, false));
    }

    @Test
    void asksForACodeFirstThenTypesItWhenItArrives() {
        Person p = new Person(profile(30_000, 30_000, CodeChoice.NEWEST, 0, 3, 600_000, 0, null), phone,
                PersonDraws.sharing(new SplittableRandom(1)));
        Person.RequestCode first = assertInstanceOf(Person.RequestCode.class, p.next(0));
        assertEquals(Channel.SMS, first.channel());
        assertTrue(!first.resend());
        p.onSendAnswer(0, TargetAnswer.ACCEPTED);
        assertEquals(new Person.Wait(30_000), p.next(1_000)); // nothing yet: wait until patience runs out
        arrive("123456", 4_000);
        Person.Submit s = assertInstanceOf(Person.Submit.class, p.next(4_000));
        assertEquals("123456", s.typed());
        p.onVerifyAnswer(4_100, TargetAnswer.ACCEPTED);
        assertEquals(JourneyOutcome.SUCCESS, p.outcome());
    }

    @Test
    void pressesResendWhenPatienceRunsOutButNeverBeforeResendWait() {
        // patience 10 s is shorter than the UI's 30 s resend wait: the person waits 30 s.
        Person p = new Person(profile(30_000, 10_000, CodeChoice.NEWEST, 0, 3, 600_000, 0, null), phone,
                PersonDraws.sharing(new SplittableRandom(1)));
        p.next(0);
        p.onSendAnswer(0, TargetAnswer.ACCEPTED);
        assertEquals(new Person.Wait(30_000), p.next(10_000));
        Person.RequestCode resend = assertInstanceOf(Person.RequestCode.class, p.next(30_000));
        assertTrue(resend.resend());
    }

    @Test
    void newestOrFirstDecidesWhichOfTwoArrivedCodesIsTyped() {
        for (CodeChoice choice : new CodeChoice[] {CodeChoice.NEWEST, CodeChoice.FIRST}) {
            Handset h = handsets.register("u-" + choice.describe());
            Person p = new Person(profile(30_000, 30_000, choice, 0, 3, 600_000, 0, null), h, PersonDraws.sharing(new SplittableRandom(2)));
            p.next(0);
            p.onSendAnswer(0, TargetAnswer.ACCEPTED);
            h.deliver(new Handset.Message(1, Channel.SMS, "111111", 0, 40_000, false));
            h.deliver(new Handset.Message(2, Channel.SMS, "222222", 30_000, 41_000, false));
            Person.Submit s = assertInstanceOf(Person.Submit.class, p.next(42_000));
            assertEquals(choice == CodeChoice.NEWEST ? "222222" : "111111", s.typed());
        }
    }

    @Test
    void aRejectedCodeIsNotTypedAgainAndTheNextOneIs() {
        Person p = new Person(profile(30_000, 30_000, CodeChoice.FIRST, 0, 3, 600_000, 0, null), phone,
                PersonDraws.sharing(new SplittableRandom(3)));
        p.next(0);
        p.onSendAnswer(0, TargetAnswer.ACCEPTED);
        arrive("111111", 40_000);
        arrive("222222", 41_000);
        assertEquals("111111", ((Person.Submit) p.next(42_000)).typed());
        p.onVerifyAnswer(42_000, TargetAnswer.INVALID);
        assertEquals("222222", ((Person.Submit) p.next(42_100)).typed());
    }

    @Test
    void aTypoChangesOneDigitAndThePersonRetypesTheSameCode() {
        Person p = new Person(profile(30_000, 30_000, CodeChoice.NEWEST, 1.0, 3, 600_000, 0, null), phone,
                PersonDraws.sharing(new SplittableRandom(4)));
        p.next(0);
        p.onSendAnswer(0, TargetAnswer.ACCEPTED);
        arrive("123456", 5_000);
        Person.Submit s = (Person.Submit) p.next(5_000);
        assertTrue(s.typo());
        assertEquals("123456", s.intended());
        assertNotEquals("123456", s.typed());
        int differing = 0;
        for (int i = 0; i < 6; i++) {
            differing += s.typed().charAt(i) != s.intended().charAt(i) ? 1 : 0;
        }
        assertEquals(1, differing);
        p.onVerifyAnswer(5_100, TargetAnswer.INVALID);
        assertEquals("123456", ((Person.Submit) p.next(5_200)).intended());
    }

    @Test
    void lockedPastPatienceEndsLockedOut() {
        Person p = new Person(profile(30_000, 30_000, CodeChoice.NEWEST, 0, 3, 300_000, 0, null), phone,
                PersonDraws.sharing(new SplittableRandom(5)));
        p.next(0);
        p.onSendAnswer(0, TargetAnswer.ACCEPTED);
        arrive("123456", 5_000);
        p.next(5_000);
        p.onVerifyAnswer(5_000, TargetAnswer.locked(1_800_000));
        assertEquals(JourneyOutcome.LOCKED_OUT, p.outcome());
    }

    @Test
    void aShortLockIsWaitedOut() {
        Person p = new Person(profile(30_000, 30_000, CodeChoice.NEWEST, 0, 3, 600_000, 0, null), phone,
                PersonDraws.sharing(new SplittableRandom(5)));
        p.next(0);
        p.onSendAnswer(0, TargetAnswer.ACCEPTED);
        arrive("123456", 5_000);
        p.next(5_000);
        p.onVerifyAnswer(5_000, TargetAnswer.locked(60_000));
        assertEquals(new Person.Wait(65_000), p.next(6_000));
        assertInstanceOf(Person.Submit.class, p.next(65_000));
    }

    @Test
    void givesUpAfterMaxResendsAndGiveUpAfter() {
        Person p = new Person(profile(30_000, 30_000, CodeChoice.NEWEST, 0, 1, 120_000, 0, null), phone,
                PersonDraws.sharing(new SplittableRandom(6)));
        p.next(0);
        p.onSendAnswer(0, TargetAnswer.ACCEPTED);
        assertTrue(((Person.RequestCode) p.next(30_000)).resend());
        p.onSendAnswer(30_000, TargetAnswer.ACCEPTED);
        assertEquals(new Person.Wait(120_000), p.next(60_000)); // no presses left: wait until giving up
        assertEquals(new Person.End(JourneyOutcome.ABANDONED), p.next(120_000));
    }

    @Test
    void fallsBackToVoiceAfterResendsWithNoCode() {
        Person p = new Person(profile(30_000, 30_000, CodeChoice.NEWEST, 0, 5, 600_000, 2, Channel.VOICE), phone,
                PersonDraws.sharing(new SplittableRandom(7)));
        p.next(0);
        p.onSendAnswer(0, TargetAnswer.ACCEPTED);
        assertEquals(Channel.SMS, ((Person.RequestCode) p.next(30_000)).channel());
        p.onSendAnswer(30_000, TargetAnswer.ACCEPTED);
        assertEquals(Channel.SMS, ((Person.RequestCode) p.next(60_000)).channel());
        p.onSendAnswer(60_000, TargetAnswer.ACCEPTED);
        assertEquals(Channel.VOICE, ((Person.RequestCode) p.next(90_000)).channel());
    }

    @Test
    void rateLimitedResendIsPressedAgainWhenTold() {
        Person p = new Person(profile(30_000, 30_000, CodeChoice.NEWEST, 0, 3, 600_000, 0, null), phone,
                PersonDraws.sharing(new SplittableRandom(8)));
        p.next(0);
        p.onSendAnswer(0, TargetAnswer.ACCEPTED);
        p.next(30_000);
        p.onSendAnswer(30_000, TargetAnswer.rateLimited(15_000));
        assertEquals(new Person.Wait(45_000), p.next(31_000));
        assertInstanceOf(Person.RequestCode.class, p.next(45_000));
    }

    @Test
    void samePersonSameSeedSameDecisions() {
        PersonProfile prof = PopulationParser.defaults().withName("t").withResendWaitMillis(30_000)
                .withPatience(new DurationDistribution.Exponential(40_000))
                .withReaction(new DurationDistribution.Uniform(1_000, 9_000)).withCodeChoice(new CodeChoice(0.5))
                .withTypoRate(0.3).withMaxResends(3).withGiveUpAfterMillis(600_000);
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (StringBuilder log : new StringBuilder[] {a, b}) {
            Handset h = new Handsets().register("x");
            Person p = new Person(prof, h, PersonDraws.sharing(new SplittableRandom(99)));
            p.next(0);
            p.onSendAnswer(0, TargetAnswer.ACCEPTED);
            h.deliver(new Handset.Message(1, Channel.SMS, "123456", 0, 3_000, false));
            log.append(p.next(1_000)).append(p.next(20_000));
        }
        assertEquals(a.toString(), b.toString());
    }
}
