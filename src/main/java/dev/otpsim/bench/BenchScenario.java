package dev.otpsim.bench;

import com.typesafe.config.ConfigFactory;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The scenario every benchmark run uses: the embedded reference target, a perfect SMS carrier
 * and careful people (no typos, patient), so each journey is exactly one send and one verify and
 * nothing but the harness itself decides how fast it goes.
 *
 * <p>Rates are given in <em>real</em> journeys per second: the scenario's {@code load.rate} is
 * simulated, so it is {@code realRate / timeScale}.
 */
public final class BenchScenario {
    /** Simulated seconds per real second: a journey (two requests and a 2 s reaction) lasts ~35 ms real. */
    public static final double TIME_SCALE = 60;

    private BenchScenario() {
    }

    /** A scenario starting {@code realRate} journeys per real second for {@code realSeconds}. */
    public static Scenario of(String name, double realRate, double realSeconds) {
        return ScenarioLoader.fromConfig(ConfigFactory.parseString(hocon(name, realRate, realSeconds)).resolve(),
                Path.of(name + ".conf"));
    }

    /**
     * As {@link #of}, with codes valid one simulated minute: the reference target forgets a person
     * two validities after their last send (2 s real), so its per-person state stops growing early
     * in the run and what grows after is what completed journeys leave behind.
     */
    public static Scenario memory(String name, double realRate, double realSeconds) {
        return ScenarioLoader.fromConfig(ConfigFactory.parseString(hocon(name, realRate, realSeconds)
                + "target.policy.code-ttl = 1m\n").resolve(), Path.of(name + ".conf"));
    }

    static String hocon(String name, double realRate, double realSeconds) {
        // load.duration in whole simulated ms: HOCON durations take no fractions of a ms.
        long durationMs = Math.round(realSeconds * TIME_SCALE * 1000);
        return String.format(Locale.ROOT, """
                name = %s
                seed = 1
                time-scale = %s
                carriers.sms {}
                people.profile { resend-wait = 30s, patience = 45s, reaction = 2s, typo-rate = 0, give-up-after = 10m }
                load { rate = %s, duration = %dms }
                """, name, TIME_SCALE, realRate / TIME_SCALE, durationMs);
    }
}
