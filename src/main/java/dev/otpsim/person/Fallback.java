package dev.otpsim.person;

import dev.otpsim.handset.Channel;
import java.util.List;

/**
 * Where a person turns when their way of signing in fails (profile key {@code fallback}):
 *
 * <pre>
 * fallback {
 *   after-resends = 2                              # resends with no code on a channel (or refused app codes) before moving on
 *   order = [voice, email, authenticator, recovery]
 *   on-lockout = next                              # next: a lock moves them on too; stay: they wait it out
 * }
 * </pre>
 * A person starts on their authenticator app when they have one (and still have the device) and
 * {@code order} does not list {@code authenticator}; else on their profile's {@code channel}. They move to the next method of {@code order} they can
 * use and have not used: after {@code after-resends} accepted resends with no code arriving on
 * the current channel, once they can press resend no more ({@code max-resends}) with nothing to
 * type, after {@code after-resends} refused codes from the app, or when locked
 * ({@code on-lockout = next}: the next method is used once the lock lifts; a lock that outlasts
 * their patience sends them straight to {@code recovery} when it lies ahead). Switching to a channel is a press of resend (and needs one left);
 * {@code authenticator} is skipped by people without a usable app (listing it makes the app a
 * fallback for those who have one, instead of their first way in); reaching {@code recovery} ends
 * the journey in account recovery. With the order used up they stay where they are.
 *
 * <p>The older {@code channel-fallback { after-resends = 2, to = voice }} is the order
 * {@code [voice]} with {@code on-lockout = stay}.
 *
 * @param afterResends  failed tries on a method before moving on (0 = only when out of resends, or on a lock)
 * @param order         the methods to try next, in order
 * @param moveOnLockout whether a lock moves the person to the next method
 */
public record Fallback(int afterResends, List<SignInMethod> order, boolean moveOnLockout) {
    /** No fallback: the person stays on their first method. */
    public static final Fallback NONE = new Fallback(0, List.of(), false);

    public Fallback {
        order = List.copyOf(order);
    }

    /** {@code channel-fallback { after-resends = n, to = channel }}. */
    public static Fallback legacy(int afterResends, Channel to) {
        return to == null ? NONE : new Fallback(afterResends, List.of(SignInMethod.of(to)), false);
    }

    /** Whether the order can end a journey in account recovery. */
    public boolean reachesRecovery() {
        return order.contains(SignInMethod.RECOVERY);
    }
}
