package dev.otpsim.handset;

import java.util.Locale;
import java.util.Optional;

/** A delivery channel: each has its own carrier and fault model. */
public enum Channel {
    SMS, EMAIL, VOICE;

    /** Every id, joined for "expected one of ..." messages: {@code sms, email, voice}. */
    public static final String IDS = String.join(", ", java.util.Arrays.stream(values()).map(Channel::id).toList());

    // Computed once: ids are read on every request and message.
    private final String id = name().toLowerCase(Locale.ROOT);

    /** The name used in scenarios, HTTP bodies and reports. */
    public String id() {
        return id;
    }

    public static Optional<Channel> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        for (Channel c : values()) {
            if (c.id().equals(id)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id();
    }
}
