package dev.otpsim.scenario;

import com.typesafe.config.Config;
import dev.otpsim.carrier.CarrierSpec;
import dev.otpsim.carrier.gateway.GatewaySpec;
import dev.otpsim.handset.Channel;
import dev.otpsim.target.TargetPolicy;
import dev.otpsim.target.external.ExternalTarget;
import java.util.Map;
import dev.otpsim.person.LoadProfile;
import dev.otpsim.metrics.MetricsSpec;
import dev.otpsim.metrics.Threshold;
import dev.otpsim.person.Population;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated scenario: everything a run needs, all durations in simulated time.
 *
 * @param file        where it was loaded from
 * @param name        short id used in run ids and reports
 * @param seed        seeds every random draw of the run
 * @param timeScale   simulated seconds per real second
 * @param policy      the embedded reference target's policy
 * @param gateway     where the carrier gateway listens and how it finds codes
 * @param carriers    fault model per channel (channels not named are perfect)
 * @param people      who signs in and how they behave
 * @param load        when journeys start
 * @param pollMillis  how often (simulated) a waiting person glances at the handset
 * @param metrics     windows and retry-storm rules
 * @param thresholds  pass/fail conditions (exit 1 when one fails)
 * @param raw         the resolved configuration, shown in reports as "the scenario as run"
 * @param external    the user's own target ({@code target.external}), or null for the embedded reference target
 * @param engine      the engine the scenario asks for, or null to let the command choose
 * @param autoTimeScale {@code time-scale = auto}: the gatling engine measures the highest scale the
 *                    machine sustains before the run and runs at it ({@link #withTimeScale});
 *                    until then {@code timeScale} is {@link #AUTO_FLOOR}, the lowest it can pick
 * @param recovery    what account recovery takes and costs ({@code recovery}), for journeys that end in it
 */
public record Scenario(Path file, String name, String description, long seed, double timeScale,
                       TargetPolicy policy, GatewaySpec gateway, Map<Channel, CarrierSpec> carriers,
                       Population people, LoadProfile load, long pollMillis, MetricsSpec metrics,
                       List<Threshold> thresholds, Config raw, ExternalTarget external, EngineChoice engine,
                       boolean autoTimeScale, dev.otpsim.person.AccountRecovery recovery) {

    /** The lowest time-scale {@code auto} can pick: what bounds an auto run's real time. */
    public static final double AUTO_FLOOR = 1;

    /** This scenario at a measured time-scale ({@code auto} resolved). */
    public Scenario withTimeScale(double scale) {
        return new Scenario(file, name, description, seed, scale, policy, gateway, carriers, people, load, pollMillis,
                metrics, thresholds, raw, external, engine, false, recovery);
    }

    /** The engine to use: {@code --engine} if given, else the scenario's, else {@code byDefault}. */
    public EngineChoice engine(EngineChoice flag, EngineChoice byDefault) {
        return chooseEngine(flag, engine, external != null, byDefault);
    }

    /**
     * The rule for which engine runs a scenario, for callers that have not loaded it yet (a sweep's
     * base file): {@code flag} if given, else {@code declared}, else gatling for an external target
     * (virtual time can only run the embedded one), else {@code byDefault}.
     */
    public static EngineChoice chooseEngine(EngineChoice flag, EngineChoice declared, boolean externalTarget,
                                            EngineChoice byDefault) {
        if (flag != null) {
            return flag;
        }
        if (declared != null) {
            return declared;
        }
        return externalTarget ? EngineChoice.GATLING : byDefault;
    }

    public String describe() {
        return "scenario \"" + name + "\", seed " + seed + ", time-scale " + (autoTimeScale ? "auto" : timeScale) + ", "
                + Math.round(load.expectedJourneys()) + " journeys over "
                + dev.otpsim.distribution.Durations.show(load.durationMillis()) + " (simulated)"
                + (external == null ? "" : ", external target " + external.baseUrl()
                        + (external.timeScaled() ? " (its durations scaled)" : " on its own clock"));
    }
}
