package dev.otpsim.person;

import com.typesafe.config.ConfigValueType;
import dev.otpsim.distribution.DistributionParser;
import dev.otpsim.distribution.DurationDistribution;
import dev.otpsim.handset.Channel;
import dev.otpsim.config.Section;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the scenario's {@code people} section: one profile, or a weighted mix.
 *
 * <pre>
 * people.profile {
 *   channel = sms
 *   resend-wait = 30s                                    # UI enables "resend"
 *   patience { type = lognormal, median = 45s, sigma = 0.5 }   # never before resend-wait
 *   reaction { type = uniform, min = 3s, max = 15s }
 *   code-choice = newest                                 # newest | first | { newest = 0.8 }
 *   typo-rate = 0.02
 *   max-resends = 3
 *   give-up-after = 10m
 *   fallback { after-resends = 2, order = [voice, email, authenticator, recovery], on-lockout = next }
 *   authenticator { share = 0.3, clock-skew { type = normal, mean = 0s, stddev = 20s }, lost-device = 0.02 }
 * }
 * people.mix = [ { weight = 3, profile = ${person-profiles.patient} }, { weight = 1, profile = {...} } ]
 * </pre>
 */
public final class PopulationParser {
    private static final Map<String, Channel> CHANNELS = Arrays.stream(Channel.values())
            .collect(Collectors.toMap(Channel::id, c -> c));

    private PopulationParser() {
    }

    public static Population read(Section people) {
        List<Population.Weighted> mix = new ArrayList<>();
        boolean hasProfile = people.has("profile");
        boolean hasMix = people.has("mix");
        if (hasProfile && hasMix) {
            people.problem("mix", "give either people.profile or people.mix, not both");
        }
        if (hasMix) {
            List<Section> items = people.sections("mix");
            if (items.isEmpty()) {
                people.problem("mix", "expected at least one { weight = ..., profile = { ... } }");
            }
            for (Section item : items) {
                double weight = item.number("weight", 1.0, 0.0, 1e9);
                PersonProfile p = readProfile(item.section("profile"), item.path().replaceAll(".*\\.", ""));
                item.finish();
                if (weight > 0) {
                    mix.add(new Population.Weighted(weight, p));
                }
            }
        } else {
            Section profile = hasProfile ? people.section("profile") : null;
            mix.add(new Population.Weighted(1.0, profile == null ? defaults() : readProfile(profile, "default")));
        }
        people.finish();
        if (mix.isEmpty()) {
            mix.add(new Population.Weighted(1.0, defaults()));
            if (hasMix) {
                people.problem("mix", "every weight is zero; expected at least one positive weight");
            }
        }
        return new Population(mix);
    }

    /** The person SPEC's defaults describe: resend allowed after 30 s, patience around 45 s. */
    public static PersonProfile defaults() {
        return new PersonProfile("default", Channel.SMS, 30_000,
                new DurationDistribution.LogNormal(45_000, 0.5),
                new DurationDistribution.Uniform(3_000, 15_000),
                CodeChoice.NEWEST, 0.02, 3, 600_000, Fallback.NONE, AuthenticatorProfile.NONE);
    }

    public static PersonProfile readProfile(Section s, String fallbackName) {
        PersonProfile d = defaults();
        String name = s.string("name", fallbackName);
        Channel channel = s.choice("channel", CHANNELS, d.channel());
        long resendWait = s.duration("resend-wait", Duration.ofMillis(d.resendWaitMillis())).toMillis();
        DurationDistribution patience = DistributionParser.read(s, "patience", d.patience());
        DurationDistribution reaction = DistributionParser.read(s, "reaction", d.reaction());
        CodeChoice choice = codeChoice(s);
        double typo = s.probability("typo-rate", d.typoRate());
        int maxResends = s.integer("max-resends", d.maxResends(), 0, 1000);
        long giveUp = s.positiveDuration("give-up-after", Duration.ofMillis(d.giveUpAfterMillis())).toMillis();
        Fallback fallback = Fallback.NONE;
        if (s.has("channel-fallback") && s.has("fallback")) {
            s.problem("channel-fallback", "give either fallback { after-resends, order = [...] } or the older "
                    + "channel-fallback { after-resends, to }, not both (channel-fallback { after-resends = 2, to = voice } "
                    + "is fallback { after-resends = 2, order = [voice], on-lockout = stay })");
        }
        if (s.has("channel-fallback")) {
            Section f = s.section("channel-fallback");
            int fallbackAfter = f.integer("after-resends", 1, 1, 1000);
            Channel to = f.choice("to", CHANNELS, null);
            if (to == channel) {
                f.problem("to", "falls back to the channel it starts on (" + channel.id() + ")");
            }
            f.finish();
            fallback = Fallback.legacy(fallbackAfter, to);
        } else if (s.has("fallback")) {
            fallback = fallback(s.section("fallback"));
        }
        AuthenticatorProfile authenticator = s.has("authenticator")
                ? authenticator(s.section("authenticator")) : AuthenticatorProfile.NONE;
        s.finish();
        return new PersonProfile(name, channel, resendWait, patience, reaction, choice, typo, maxResends, giveUp,
                fallback, authenticator);
    }

    private static Fallback fallback(Section f) {
        int after = f.integer("after-resends", 1, 0, 1000);
        Map<String, SignInMethod> methods = SignInMethod.byId();
        List<SignInMethod> order = new ArrayList<>();
        if (!f.has("order")) {
            f.problem("order", "missing; expected the methods to try next, in order, e.g. order = [voice, email, "
                    + "authenticator, recovery]");
        }
        List<String> written = f.strings("order");
        for (int i = 0; i < written.size(); i++) {
            SignInMethod m = methods.get(written.get(i));
            if (m == null) {
                f.problem("order", "item " + (i + 1) + " is \"" + written.get(i) + "\"; expected one of sms, email, voice, "
                        + "authenticator, recovery");
            } else if (order.contains(m)) {
                f.problem("order", m.id() + " is listed twice; each method is tried once");
            } else if (order.contains(SignInMethod.RECOVERY)) {
                f.problem("order", m.id() + " comes after recovery, which ends the journey: it would never be tried");
            } else {
                order.add(m);
            }
        }
        if (f.has("order") && written.isEmpty() && f.type("order") == ConfigValueType.LIST) {
            f.problem("order", "is empty; expected at least one of sms, email, voice, authenticator, recovery");
        }
        boolean moveOnLockout = f.choice("on-lockout", Map.of("next", true, "stay", false), true);
        f.finish();
        return new Fallback(after, order, moveOnLockout);
    }

    private static AuthenticatorProfile authenticator(Section a) {
        double share = a.probability("share", null);
        ClockSkew skew = ClockSkew.read(a, "clock-skew");
        double lost = a.probability("lost-device", 0.0);
        a.finish();
        return new AuthenticatorProfile(share, skew, lost);
    }

    /**
     * Reads the scenario's {@code recovery} section: what account recovery costs and how long it
     * takes ({@link AccountRecovery}).
     */
    public static AccountRecovery recovery(Section r) {
        AccountRecovery d = AccountRecovery.DEFAULTS;
        long delay = r.positiveDuration("delay", Duration.ofMillis(d.delayMillis())).toMillis();
        double cost = r.number("cost", d.costPerCase(), 0.0, 1_000_000_000.0);
        String currency = r.string("currency", d.currency());
        if (currency != null && !currency.matches("[A-Za-z]{1,8}")) {
            r.problem("currency", "expected a currency code such as USD or EUR, got \"" + currency + "\"");
        }
        r.finish();
        return new AccountRecovery(delay == 0 ? d.delayMillis() : delay, cost, currency);
    }

    private static CodeChoice codeChoice(Section s) {
        if (!s.has("code-choice")) {
            return CodeChoice.NEWEST;
        }
        if (s.type("code-choice") == ConfigValueType.OBJECT) {
            Section mix = s.section("code-choice");
            double newest = mix.probability("newest", null);
            mix.finish();
            return new CodeChoice(newest);
        }
        return s.choice("code-choice", Map.of("newest", CodeChoice.NEWEST, "first", CodeChoice.FIRST), CodeChoice.NEWEST);
    }
}
