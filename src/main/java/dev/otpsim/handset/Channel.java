package dev.otpsim.handset;

import java.util.Locale;
import java.util.Optional;

/** A delivery channel: each has its own carrier and fault model. */
public enum Channel {
    SMS, EMAIL, VOICE;

    /** The name used in scenarios, HTTP bodies and reports. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
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
