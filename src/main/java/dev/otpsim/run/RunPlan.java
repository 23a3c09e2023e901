package dev.otpsim.run;

import dev.otpsim.carrier.CarrierSpec;
import dev.otpsim.carrier.impairment.FaultWindow;
import dev.otpsim.carrier.impairment.Impairment;
import dev.otpsim.handset.Channel;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.distribution.RandomStream;
import dev.otpsim.ledger.AuthenticatorTruth;
import dev.otpsim.person.AuthenticatorApp;
import dev.otpsim.person.AuthenticatorProfile;
import dev.otpsim.person.Enrolment;
import dev.otpsim.person.PersonDraws;
import dev.otpsim.person.PersonProfile;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.target.TargetProtocol;
import dev.otpsim.target.TotpEnrolments;
import dev.otpsim.target.TotpPolicy;
import dev.otpsim.totp.Secrets;
import dev.otpsim.totp.Totp;
import dev.otpsim.totp.TotpClock;
import dev.otpsim.target.external.ExternalTarget;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every engine builds the same way from a scenario and a seed: the channels in play and
 * their carriers, the planned carrier faults, and each person — who they are to the target, which
 * profile they follow and their random streams. The Gatling engine, the virtual-time engine and
 * {@code otpsim probe} all take people from here, so person 17 is the same person in each.
 *
 * <pre>{@code
 * RunPlan plan = new RunPlan(scenario, scenario.seed());
 * RunPlan.PersonPlan p = plan.person(17);   // identity u-17, profile drawn from the mix, draws keyed (seed, 17)
 * }</pre>
 */
public final class RunPlan {
    /** The embedded target's identities: user {@code u-n}, codes sent to the same id. */
    public static final String REFERENCE_PREFIX = "u-";

    private final Scenario scenario;
    private final long seed;
    private final Set<Channel> channels;
    private final Map<Channel, CarrierSpec> specs;
    private final List<RunSummary.CarrierFault> faults;
    private final TotpPolicy totpPolicy;
    private final TotpClock totpClock;

    /**
     * One person of the run, before their journey starts.
     *
     * @param app           their authenticator app, or null (none, or they lost the device)
     * @param authenticator what the ledger judges their app's codes by, or null when they are not enrolled
     */
    public record PersonPlan(long n, TargetProtocol.Identity identity, PersonProfile profile, PersonDraws draws,
                             AuthenticatorApp app, AuthenticatorTruth authenticator) {
        public PersonPlan(long n, TargetProtocol.Identity identity, PersonProfile profile, PersonDraws draws) {
            this(n, identity, profile, draws, null, null);
        }
    }

    /**
     * @param seed this run's seed: the scenario's, or a replication's seed derived from it
     */
    public RunPlan(Scenario scenario, long seed) {
        this.scenario = scenario;
        this.seed = seed;
        Set<Channel> c = EnumSet.noneOf(Channel.class);
        c.addAll(scenario.people().channels());
        c.addAll(scenario.carriers().keySet());
        this.channels = Collections.unmodifiableSet(c);
        Map<Channel, CarrierSpec> s = new EnumMap<>(Channel.class);
        for (Channel ch : channels) {
            s.put(ch, scenario.carriers().getOrDefault(ch, CarrierSpec.PERFECT));
        }
        this.specs = Collections.unmodifiableMap(s);
        List<RunSummary.CarrierFault> f = new ArrayList<>();
        specs.forEach((channel, spec) -> {
            for (Impairment i : spec.impairments()) {
                for (FaultWindow w : i.windows()) {
                    f.add(new RunSummary.CarrierFault(channel.id(), w.kind(), w.startMillis(), w.endMillis()));
                }
            }
        });
        this.faults = List.copyOf(f);
        ExternalTarget external = scenario.external();
        this.totpPolicy = external == null ? scenario.policy().totp()
                : external.totp() == null ? TotpPolicy.defaults() : external.totp().policy();
        // The embedded target reads simulated time; a service of the user's its own wall clock.
        this.totpClock = external == null ? TotpClock.SIMULATED : TotpClock.wallClock();
    }

    public Scenario scenario() {
        return scenario;
    }

    public long seed() {
        return seed;
    }

    /** Channels people start on or fall back to, plus those the scenario configures. */
    public Set<Channel> channels() {
        return channels;
    }

    /** The carrier of each channel in play (perfect where the scenario names none). */
    public Map<Channel, CarrierSpec> carrierSpecs() {
        return specs;
    }

    /** Outage windows and capacity drops: the triggers a retry storm may outlive. */
    public List<RunSummary.CarrierFault> faults() {
        return faults;
    }

    public boolean externalTarget() {
        return scenario.external() != null;
    }

    /** How long codes are valid, for the ledger: the policy's, or what the scenario says of an external target (0 = unknown). */
    public long codeTtlMillis() {
        ExternalTarget external = scenario.external();
        return external != null ? external.codeTtl().toMillis() : scenario.policy().codeTtl().toMillis();
    }

    /** Person {@code n} (1, 2, ...): identity, profile, draws and authenticator app. */
    public PersonPlan person(long n) {
        PersonDraws draws = PersonDraws.of(seed, n);
        PersonProfile profile = scenario.people().draw(draws.profile());
        TargetProtocol.Identity who = identity(n);
        Enrolment e = enrolment(n, who, profile);
        if (e == null) {
            return new PersonPlan(n, who, profile, draws, null, null);
        }
        Totp totp = totpPolicy.totp();
        AuthenticatorApp app = e.lostDevice() ? null : new AuthenticatorApp(totp, e.secret(), e.clockSkewMillis(),
                totpClock);
        return new PersonPlan(n, who, profile, draws, app,
                new AuthenticatorTruth(totp, totpPolicy.window(), totpPolicy.refuseReplay(), e.secret(), totpClock));
    }

    /**
     * Whether person {@code n} has an authenticator app, and which: one keyed draw each for
     * enrolment (against the profile's share), clock skew and a lost device, so a person enrolled at
     * one share is enrolled, with the same phone, at every larger share. Null when not enrolled.
     */
    private Enrolment enrolment(long n, TargetProtocol.Identity who, PersonProfile profile) {
        AuthenticatorProfile a = profile.authenticator();
        if (a.share() <= 0
                || RandomStream.of(seed, n, RandomStream.Purpose.AUTHENTICATOR_ENROLMENT).nextDouble() >= a.share()) {
            return null;
        }
        long skew = a.clockSkew().sampleMillis(RandomStream.of(seed, n, RandomStream.Purpose.CLOCK_SKEW));
        boolean lost = RandomStream.of(seed, n, RandomStream.Purpose.LOST_DEVICE).nextDouble() < a.lostDevice();
        ExternalTarget external = scenario.external();
        byte[] secret = external != null && external.totp() != null ? external.totp().secretOf(who)
                : Secrets.derive(RandomStream.of(seed, n, RandomStream.Purpose.AUTHENTICATOR_SECRET), totpPolicy.algorithm());
        return new Enrolment(secret, skew, lost);
    }

    /**
     * The embedded target's enrolments: user {@code u-n}'s secret when person {@code n} has an
     * authenticator app (lost device or not: the service still knows them), else null.
     */
    public TotpEnrolments enrolments() {
        if (!scenario.people().usesAuthenticators()) {
            return TotpEnrolments.NONE; // nobody to look up: verifications skip the app check
        }
        return user -> {
            long n = referenceNumber(user);
            if (n < 1) {
                return null;
            }
            PersonPlan p = person(n);
            return p.authenticator() == null ? null : p.authenticator().secret();
        };
    }

    /** The Unix time authenticator codes of this run are made from. */
    public TotpClock totpClock() {
        return totpClock;
    }

    /** Who person {@code n} is to the target. */
    public TargetProtocol.Identity identity(long n) {
        ExternalTarget external = scenario.external();
        if (external != null) {
            return external.identity(n);
        }
        return referenceIdentity(n);
    }

    /** The embedded target's person {@code n}: user {@code u-n}, codes sent to the same id. */
    public static TargetProtocol.Identity referenceIdentity(long n) {
        String id = REFERENCE_PREFIX + n;
        return new TargetProtocol.Identity(n, id, id);
    }

    /**
     * Whether {@code address} is one of the embedded target's people numbered up to {@code started}:
     * lets the run drop retired handsets and still tell a late message from a stranger's.
     */
    public static boolean isReferencePerson(String address, long started) {
        long n = referenceNumber(address);
        return n >= 1 && n <= started;
    }

    /** {@code n} of the embedded target's {@code u-n}, or -1 when the address is not one. */
    private static long referenceNumber(String address) {
        if (!address.startsWith(REFERENCE_PREFIX) || address.length() > REFERENCE_PREFIX.length() + 19
                || address.length() == REFERENCE_PREFIX.length()) {
            return -1;
        }
        long n = 0;
        for (int i = REFERENCE_PREFIX.length(); i < address.length(); i++) {
            char c = address.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /**
     * Why this scenario must not start: its gateway or external target is not on a loopback
     * address and the user did not name that host with {@code --allow-target}. Checked before
     * anything listens or sends.
     */
    public static java.util.Optional<String> refusal(Scenario scenario, java.util.Collection<String> allowedHosts) {
        java.util.Optional<String> gateway = dev.otpsim.http.LoopbackGuard.refusal("gateway.host",
                scenario.gateway().host(), allowedHosts, "--allow-target");
        if (gateway.isPresent() || scenario.external() == null) {
            return gateway;
        }
        return dev.otpsim.http.LoopbackGuard.refusal("target.external.base-url", scenario.external().host(),
                allowedHosts, "--allow-target");
    }

    /** A replication's seed: the base seed for the first, an independent one derived from it for the rest. */
    public static long replicationSeed(long baseSeed, int replication) {
        return replication == 0 ? baseSeed
                : dev.otpsim.distribution.Mix.mix64(baseSeed ^ dev.otpsim.distribution.Mix.mix64(0x5EED0000L + replication));
    }
}
