package dev.otpsim.handset;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Every handset in a run, by address (a phone number, an email address or a user id).
 *
 * <p>Memory grows with people in flight, not with people done, when the run can tell its
 * people's addresses apart from strangers' ({@link #forgettingRetired}): a retired handset is
 * then dropped, and a late message to it still counts as delivered to a person — not as a
 * message for an unknown recipient.
 */
public final class Handsets {
    private final ConcurrentHashMap<String, Handset> byAddress = new ConcurrentHashMap<>();
    private final Predicate<String> formerPerson;
    private final Handset retired = new Handset("(retired)");

    /** Keeps every handset for the whole run: for the gateway alone, and identities it cannot recognise. */
    public Handsets() {
        this.formerPerson = null;
        retired.retire();
    }

    private Handsets(Predicate<String> formerPerson) {
        this.formerPerson = formerPerson;
        retired.retire();
    }

    /**
     * Handsets that are forgotten when retired.
     *
     * @param formerPerson whether an address without a handset belonged to a person of this run
     */
    public static Handsets forgettingRetired(Predicate<String> formerPerson) {
        return new Handsets(formerPerson);
    }

    /** The handset for {@code address}, created on first use: the person owns it from now on. */
    public Handset register(String address) {
        return byAddress.computeIfAbsent(address, Handset::new);
    }

    /**
     * The handset of a known person (a retired one, which keeps nothing, if their journey is over),
     * or empty for an address no simulated person has.
     */
    public Optional<Handset> find(String address) {
        Handset h = byAddress.get(address);
        if (h == null && formerPerson != null && formerPerson.test(address)) {
            return Optional.of(retired);
        }
        return Optional.ofNullable(h);
    }

    /** Ends the person's use of their handset: it keeps nothing more (and is dropped when forgetting). */
    public void retire(Handset handset) {
        handset.retire();
        if (formerPerson != null) {
            byAddress.remove(handset.address(), handset);
        }
    }

    public Collection<Handset> all() {
        return byAddress.values();
    }

    public int size() {
        return byAddress.size();
    }
}
