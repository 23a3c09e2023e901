package dev.otpsim.run;

import dev.otpsim.carrier.CarrierSpec;
import dev.otpsim.carrier.impairment.FaultWindow;
import dev.otpsim.carrier.impairment.Impairment;
import dev.otpsim.handset.Channel;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.person.PersonDraws;
import dev.otpsim.person.PersonProfile;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.target.TargetProtocol;
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

    /** One person of the run, before their journey starts. */
    public record PersonPlan(long n, TargetProtocol.Identity identity, PersonProfile profile, PersonDraws draws) {
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

    /** Person {@code n} (1, 2, ...): identity, profile and draws. */
    public PersonPlan person(long n) {
        PersonDraws draws = PersonDraws.of(seed, n);
        PersonProfile profile = scenario.people().draw(draws.profile());
        return new PersonPlan(n, identity(n), profile, draws);
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
        if (!address.startsWith(REFERENCE_PREFIX) || address.length() > REFERENCE_PREFIX.length() + 19) {
            return false;
        }
        long n = 0;
        for (int i = REFERENCE_PREFIX.length(); i < address.length(); i++) {
            char c = address.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            n = n * 10 + (c - '0');
        }
        return address.length() > REFERENCE_PREFIX.length() && n >= 1 && n <= started;
    }

    /**
     * Why this scenario must not start: its gateway or external target is not on a loopback
     * address and the user did not name that host with {@code --allow-target}. Checked before
     * anything listens or sends.
     */
    public static java.util.Optional<String> refusal(Scenario scenario, java.util.Collection<String> allowedHosts) {
        java.util.Optional<String> gateway = dev.otpsim.target.LoopbackGuard.refusal("gateway.host",
                scenario.gateway().host(), allowedHosts, "--allow-target");
        if (gateway.isPresent() || scenario.external() == null) {
            return gateway;
        }
        return dev.otpsim.target.LoopbackGuard.refusal("target.external.base-url", scenario.external().host(),
                allowedHosts, "--allow-target");
    }

    /** A replication's seed: the base seed for the first, an independent one derived from it for the rest. */
    public static long replicationSeed(long baseSeed, int replication) {
        return replication == 0 ? baseSeed
                : dev.otpsim.distribution.Mix.mix64(baseSeed ^ dev.otpsim.distribution.Mix.mix64(0x5EED0000L + replication));
    }
}
