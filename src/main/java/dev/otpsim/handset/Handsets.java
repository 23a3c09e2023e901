package dev.otpsim.handset;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Every handset in a run, by address (a phone number, an email address or a user id). */
public final class Handsets {
    private final ConcurrentHashMap<String, Handset> byAddress = new ConcurrentHashMap<>();

    /** The handset for {@code address}, created on first use: the person owns it from now on. */
    public Handset register(String address) {
        return byAddress.computeIfAbsent(address, Handset::new);
    }

    /** The handset of a known person, or empty for an address no simulated person has. */
    public Optional<Handset> find(String address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    public Collection<Handset> all() {
        return byAddress.values();
    }

    public int size() {
        return byAddress.size();
    }
}
