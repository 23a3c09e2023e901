package dev.otpsim.scenario;

import com.typesafe.config.Config;
import dev.otpsim.carrier.CarrierSpec;
import dev.otpsim.carrier.CarrierSpecs;
import dev.otpsim.carrier.gateway.GatewaySpec;
import dev.otpsim.config.Problems;
import dev.otpsim.config.ScenarioFiles;
import dev.otpsim.config.Section;
import dev.otpsim.handset.Channel;
import dev.otpsim.person.LoadProfile;
import dev.otpsim.metrics.MetricsSpec;
import dev.otpsim.metrics.Threshold;
import dev.otpsim.person.AccountRecovery;
import dev.otpsim.person.Population;
import dev.otpsim.person.PopulationParser;
import java.nio.file.Path;
import dev.otpsim.target.TargetPolicy;
import dev.otpsim.target.external.ExternalTarget;
import java.time.Duration;
import java.util.Map;

/**
 * Loads and validates a scenario file: every problem is reported, with file, line and key,
 * before anything starts.
 *
 * <pre>{@code
 * try { Scenario s = ScenarioLoader.load(Path.of("scenarios/quickstart.conf")); }
 * catch (ScenarioException e) { e.problems().forEach(System.err::println); }
 * }</pre>
 */
public final class ScenarioLoader {
    private ScenarioLoader() {
    }

    public static Scenario load(Path file) {
        return fromConfig(ScenarioFiles.parse(file), file);
    }

    /** The scenario's own {@code engine}, or null; an unknown one is a problem with its line. */
    public static EngineChoice declaredEngine(Section root) {
        return root.has("engine") ? root.choice("engine", EngineChoice.byId(), null) : null;
    }

    /** Validates an already parsed and resolved scenario (e.g. a sweep variant). */
    public static Scenario fromConfig(Config config, Path file) {
        Problems problems = new Problems();
        Section root = Section.root(config, problems);
        String fileName = file.getFileName().toString();
        String name = root.string("name", fileName.replaceFirst("\\.conf$", ""));
        RunBounds.checkName(config, problems, name);
        String description = root.string("description", "");
        long seed = root.integer("seed", 1L, Long.MIN_VALUE, Long.MAX_VALUE);
        // A number, or "auto": the gatling engine measures the highest scale the machine sustains.
        boolean autoTimeScale = root.type("time-scale") == com.typesafe.config.ConfigValueType.STRING
                && "auto".equals(config.getString("time-scale"));
        double timeScale;
        if (autoTimeScale) {
            timeScale = Scenario.AUTO_FLOOR;
        } else if (root.type("time-scale") == com.typesafe.config.ConfigValueType.STRING
                && !isNumber(config.getString("time-scale"))) {
            root.problem("time-scale", "expected a number in [0.001, 100000] (simulated seconds per real second) or "
                    + "auto, got \"" + config.getString("time-scale") + "\"");
            timeScale = 1.0;
        } else {
            timeScale = root.number("time-scale", 1.0, 0.001, 100_000.0);
        }
        EngineChoice engine = declaredEngine(root);

        TargetPolicy policy = TargetPolicy.defaults();
        ExternalTarget external = null;
        if (root.has("target")) {
            Section target = root.section("target");
            if (target.has("policy")) {
                policy = TargetPolicy.read(target.section("policy"));
            }
            if (target.has("external")) {
                external = ExternalTarget.read(target.section("external"));
                if (target.has("policy")) {
                    target.problem("policy", "configures the embedded reference target, which does not run when "
                            + "target.external is given (the external target enforces its own policy); remove one");
                }
                // Its codes expire on its own clock: a scaled run would make every wait look shorter to it.
                if (!external.timeScaled() && timeScale != 1.0) {
                    root.problem("time-scale", "must be 1 with an external target: its durations (code validity, "
                            + "cooldowns, lockouts) run on its own wall clock, got " + timeScale
                            + "; set target.external.time-scaled = true only if you scaled the target's own "
                            + "durations by the same factor");
                }
            }
            target.finish();
        }
        GatewaySpec gateway = root.has("gateway") ? GatewaySpec.read(root.section("gateway")) : GatewaySpec.DEFAULTS;
        if (external != null && gateway.port() == 0 && gateway.smtpPort() == 0) {
            // The embedded target is told the gateway's ephemeral port; a service of the user's is not.
            root.problem("gateway", "an external target must know where to send its codes: give gateway.port "
                    + "(HTTP: JSON and Twilio-shaped) and/or gateway.smtp-port (email), e.g. gateway { port = 8025 }");
        }
        Map<Channel, CarrierSpec> carriers = root.has("carriers")
                ? CarrierSpecs.read(root.section("carriers")) : Map.of();
        Population people = PopulationParser.read(root.section("people"));
        Section loadSection = root.section("load");
        long poll = loadSection.positiveDuration("poll-interval", Duration.ofSeconds(1)).toMillis();
        LoadProfile load = LoadProfile.read(loadSection);
        MetricsSpec metrics = root.has("metrics") ? MetricsSpec.read(root.section("metrics")) : MetricsSpec.defaults();
        var thresholds = Threshold.read(root, "thresholds");
        AccountRecovery recovery = root.has("recovery") ? PopulationParser.recovery(root.section("recovery"))
                : AccountRecovery.DEFAULTS;
        if (external != null && people.usesAuthenticators() && external.totp() == null) {
            root.problem("people", "some people have an authenticator app (authenticator.share > 0), but "
                    + "target.external has no totp section saying how their secrets are made and checked; add e.g. "
                    + "target.external.totp { secret = \"text:otpsim-{user}\", step = 30s, digits = 6 }");
        }
        if (external != null && external.totp() != null && external.timeScaled() && timeScale != 1.0) {
            root.problem("time-scale", "must be 1 when target.external.totp is given: authenticator codes are made "
                    + "from your service's wall clock, which a scaled run cannot speed up, got " + timeScale);
        }

        if (autoTimeScale && external != null) {
            root.problem("time-scale", "auto is measured against the embedded reference target; an external target "
                    + "keeps its own clock: give a number (1 unless target.external.time-scaled)");
        }
        if (autoTimeScale && engine == EngineChoice.VIRTUAL) {
            root.problem("time-scale", "auto is measured by the gatling engine (scaled real time); virtual time has no "
                    + "time-scale: remove the key, or use engine = gatling");
        }
        if (engine == EngineChoice.VIRTUAL && external != null) {
            root.problem("engine", "virtual time runs the embedded reference target only: an external service keeps "
                    + "its own clock and answers over HTTP in real time, so it needs engine = gatling (or no engine key)");
        }
        // What one machine can run, said before anything starts (Limits).
        RunBounds.check(config, problems, timeScale, load, metrics, people, gateway, external, engine);

        // Libraries of reusable pieces that scenarios pick from with ${...} substitutions.
        root.allow("carrier-profiles", "person-profiles");
        root.finish();
        problems.throwIfAny();
        return new Scenario(file, name, description, seed, timeScale, policy, gateway, carriers, people, load, poll,
                metrics, thresholds, config, external, engine, autoTimeScale, recovery);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
