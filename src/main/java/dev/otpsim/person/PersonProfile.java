package dev.otpsim.person;

import dev.otpsim.distribution.DurationDistribution;
import dev.otpsim.handset.Channel;

/**
 * How one kind of person behaves while waiting for a code (SPEC "Person model"). Durations are
 * simulated milliseconds. Plain data: the decisions live in {@link Person}.
 *
 * @param name               profile name, shown in reports
 * @param channel            channel of the first request
 * @param resendWaitMillis   when the UI enables "resend" after a send
 * @param patience           how long the person waits for a code before pressing resend (floored at resend-wait)
 * @param reaction           from a code becoming visible to the person typing it
 * @param codeChoice         which arrived code is typed
 * @param typoRate           probability a typed code has one wrong digit
 * @param maxResends         resend presses before the person stops pressing
 * @param giveUpAfterMillis  the person abandons this long after the first request
 * @param fallbackAfterResends switch to {@code fallbackChannel} after this many resends with no code (0 = never)
 * @param fallbackChannel    the channel switched to, or null
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
        int fallbackAfterResends,
        Channel fallbackChannel) {
}
