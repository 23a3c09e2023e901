package dev.otpsim.person;

import java.util.List;
import java.util.random.RandomGenerator;

/** A mix of person profiles by weight: each new person draws one. */
public record Population(List<Weighted> mix) {

    public record Weighted(double weight, PersonProfile profile) {
    }

    public Population {
        if (mix.isEmpty()) {
            throw new IllegalArgumentException("a population needs at least one profile");
        }
        mix = List.copyOf(mix);
    }

    public static Population of(PersonProfile only) {
        return new Population(List.of(new Weighted(1.0, only)));
    }

    /** The longest any of these people keeps trying (simulated ms): how long a journey can last. */
    public long longestGiveUpMillis() {
        long longest = 0;
        for (Weighted w : mix) {
            longest = Math.max(longest, w.profile().giveUpAfterMillis());
        }
        return longest;
    }

    /** Draws a profile in proportion to the weights, using exactly one uniform. */
    public PersonProfile draw(RandomGenerator rng) {
        double total = 0;
        for (Weighted w : mix) {
            total += w.weight();
        }
        double u = rng.nextDouble() * total;
        for (Weighted w : mix) {
            u -= w.weight();
            if (u < 0) {
                return w.profile();
            }
        }
        return mix.get(mix.size() - 1).profile();
    }

    /** Channels any person of this population may use. */
    public java.util.Set<dev.otpsim.handset.Channel> channels() {
        java.util.Set<dev.otpsim.handset.Channel> s = java.util.EnumSet.noneOf(dev.otpsim.handset.Channel.class);
        for (Weighted w : mix) {
            s.add(w.profile().channel());
            for (SignInMethod m : w.profile().fallback().order()) {
                if (m.channel() != null) {
                    s.add(m.channel());
                }
            }
        }
        return s;
    }

    /** Whether any person of this population may have an authenticator app. */
    public boolean usesAuthenticators() {
        return mix.stream().anyMatch(w -> w.profile().authenticator().share() > 0);
    }
}
