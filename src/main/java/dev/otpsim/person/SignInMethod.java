package dev.otpsim.person;

import dev.otpsim.handset.Channel;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A way a person can try to sign in: a code sent over a channel, a code read from their
 * authenticator app, or — the last resort — account recovery, which ends the journey. The items
 * of a fallback order ({@code fallback.order = [voice, email, authenticator, recovery]}).
 *
 * <pre>{@code
 * SignInMethod m = SignInMethod.byId().get("voice");   // m.channel() == Channel.VOICE
 * }</pre>
 */
public enum SignInMethod {
    SMS(Channel.SMS), EMAIL(Channel.EMAIL), VOICE(Channel.VOICE),
    /** A code from the person's authenticator app (RFC 6238): no carrier, no send. */
    AUTHENTICATOR(null),
    /** Account recovery (an ID check that takes days): the journey ends {@code recovery}. */
    RECOVERY(null);

    private final Channel channel;

    SignInMethod(Channel channel) {
        this.channel = channel;
    }

    /** The channel a code is sent over, or null for the authenticator and recovery. */
    public Channel channel() {
        return channel;
    }

    public String id() {
        return channel != null ? channel.id() : name().toLowerCase(java.util.Locale.ROOT);
    }

    public static SignInMethod of(Channel c) {
        return switch (c) {
            case SMS -> SMS;
            case EMAIL -> EMAIL;
            case VOICE -> VOICE;
        };
    }

    /** Every method by its scenario name. */
    public static Map<String, SignInMethod> byId() {
        return Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(SignInMethod::id, m -> m));
    }

    @Override
    public String toString() {
        return id();
    }
}
