package dev.otpsim.person;

import dev.otpsim.distribution.DurationDistribution;
import dev.otpsim.handset.Channel;

/**
 * How one kind of person behaves while waiting for a code (SPEC "Person model"). Durations are
 * simulated milliseconds. Plain data: the decisions live in {@link Person}.
 *
 * @param name               profile name, shown in reports
 * @param channel            channel of the first request (people with an authenticator app start on it instead)
 * @param resendWaitMillis   when the UI enables "resend" after a send
 * @param patience           how long the person waits for a code before pressing resend (floored at resend-wait)
 * @param reaction           from a code becoming visible (or the app being opened) to the person typing it
 * @param codeChoice         which arrived code is typed
 * @param typoRate           probability a typed code has one wrong digit
 * @param maxResends         resend presses before the person stops pressing (switching channel is a press)
 * @param giveUpAfterMillis  the person abandons this long after the first request
 * @param fallback           where they turn when their way of signing in fails ({@link Fallback#NONE}: nowhere)
 * @param authenticator      who of them has an authenticator app ({@link AuthenticatorProfile#NONE}: nobody)
 */
public record PersonProfile(
        String name,
        Channel channel,
        long resendWaitMillis,
        DurationDistribution patience,
        DurationDistribution reaction,
        CodeChoice codeChoice,
        double typoRate,
        int maxResends,
        long giveUpAfterMillis,
        Fallback fallback,
        AuthenticatorProfile authenticator) {

    public PersonProfile {
        if (fallback == null) {
            fallback = Fallback.NONE;
        }
        if (authenticator == null) {
            authenticator = AuthenticatorProfile.NONE;
        }
    }

    /**
     * A profile with the older single fallback ({@code channel-fallback { after-resends, to }}) and no
     * authenticator app.
     *
     * @param fallbackAfterResends switch to {@code fallbackChannel} after this many resends with no code (0 = never)
     * @param fallbackChannel      the channel switched to, or null
     */
    public PersonProfile(String name, Channel channel, long resendWaitMillis, DurationDistribution patience,
                         DurationDistribution reaction, CodeChoice codeChoice, double typoRate, int maxResends,
                         long giveUpAfterMillis, int fallbackAfterResends, Channel fallbackChannel) {
        this(name, channel, resendWaitMillis, patience, reaction, codeChoice, typoRate, maxResends, giveUpAfterMillis,
                fallbackAfterResends > 0 ? Fallback.legacy(fallbackAfterResends, fallbackChannel) : Fallback.NONE,
                AuthenticatorProfile.NONE);
    }

    // Changed copies, one knob each: tests and callers name what they change instead of passing
    // eleven positional arguments, e.g. PopulationParser.defaults().withTypoRate(0).withMaxResends(5).

    public PersonProfile withName(String n) {
        return new PersonProfile(n, channel, resendWaitMillis, patience, reaction, codeChoice, typoRate, maxResends,
                giveUpAfterMillis, fallback, authenticator);
    }

    public PersonProfile withChannel(Channel c) {
        return new PersonProfile(name, c, resendWaitMillis, patience, reaction, codeChoice, typoRate, maxResends,
                giveUpAfterMillis, fallback, authenticator);
    }

    public PersonProfile withResendWaitMillis(long millis) {
        return new PersonProfile(name, channel, millis, patience, reaction, codeChoice, typoRate, maxResends,
                giveUpAfterMillis, fallback, authenticator);
    }

    public PersonProfile withPatience(DurationDistribution d) {
        return new PersonProfile(name, channel, resendWaitMillis, d, reaction, codeChoice, typoRate, maxResends,
                giveUpAfterMillis, fallback, authenticator);
    }

    public PersonProfile withReaction(DurationDistribution d) {
        return new PersonProfile(name, channel, resendWaitMillis, patience, d, codeChoice, typoRate, maxResends,
                giveUpAfterMillis, fallback, authenticator);
    }

    public PersonProfile withCodeChoice(CodeChoice c) {
        return new PersonProfile(name, channel, resendWaitMillis, patience, reaction, c, typoRate, maxResends,
                giveUpAfterMillis, fallback, authenticator);
    }

    public PersonProfile withTypoRate(double rate) {
        return new PersonProfile(name, channel, resendWaitMillis, patience, reaction, codeChoice, rate, maxResends,
                giveUpAfterMillis, fallback, authenticator);
    }

    public PersonProfile withMaxResends(int n) {
        return new PersonProfile(name, channel, resendWaitMillis, patience, reaction, codeChoice, typoRate, n,
                giveUpAfterMillis, fallback, authenticator);
    }

    public PersonProfile withGiveUpAfterMillis(long millis) {
        return new PersonProfile(name, channel, resendWaitMillis, patience, reaction, codeChoice, typoRate, maxResends,
                millis, fallback, authenticator);
    }

    public PersonProfile withFallback(Fallback f) {
        return new PersonProfile(name, channel, resendWaitMillis, patience, reaction, codeChoice, typoRate, maxResends,
                giveUpAfterMillis, f, authenticator);
    }

    public PersonProfile withAuthenticator(AuthenticatorProfile a) {
        return new PersonProfile(name, channel, resendWaitMillis, patience, reaction, codeChoice, typoRate, maxResends,
                giveUpAfterMillis, fallback, a);
    }
}
