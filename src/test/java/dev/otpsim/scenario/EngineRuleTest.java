package dev.otpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Which engine runs a scenario: the command-line flag, else the scenario's own {@code engine},
 * else gatling for an external target (virtual time runs only the embedded one), else the
 * command's default — the same rule for a loaded scenario and for a sweep's base file.
 */
class EngineRuleTest {
    private static final EngineChoice V = EngineChoice.VIRTUAL;
    private static final EngineChoice G = EngineChoice.GATLING;

    @Test
    void theFlagWinsThenTheScenarioThenAnExternalTargetThenTheDefault() {
        assertEquals(V, Scenario.chooseEngine(V, G, true, G), "--engine over everything");
        assertEquals(V, Scenario.chooseEngine(null, V, false, G), "the scenario's engine over the default");
        assertEquals(G, Scenario.chooseEngine(null, null, true, V), "an external target needs gatling");
        assertEquals(V, Scenario.chooseEngine(null, null, false, V), "otherwise the command's default");
        assertEquals(G, Scenario.chooseEngine(null, null, false, G));
    }

    @Test
    void aLoadedScenarioFollowsTheSameRule() {
        Path quickstart = Path.of("scenarios/quickstart.conf");
        Scenario declared = ScenarioLoader.fromConfig(ConfigFactory.parseString("engine = virtual")
                .withFallback(ConfigFactory.parseFile(quickstart.toFile())).resolve(), quickstart);
        assertEquals(V, declared.engine(null, G));
        assertEquals(G, declared.engine(G, V));
        Scenario plain = ScenarioLoader.load(quickstart);
        assertEquals(G, plain.engine(null, G));
        assertEquals(V, plain.engine(null, V));
    }
}
