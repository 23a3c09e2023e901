package dev.otpsim.cli;

import dev.otpsim.scenario.Scenario;
import dev.otpsim.scenario.ScenarioException;
import dev.otpsim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code otpsim validate <scenario>}: checks a scenario without sending any load. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a scenario file: every problem with file, line, key and what was expected. Exit 0 ok, 2 invalid.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO", description = "HOCON scenario file, e.g. scenarios/quickstart.conf")
    Path scenario;

    @Override
    public Integer call() {
        try {
            Scenario s = ScenarioLoader.load(scenario);
            System.out.println(scenario + ": ok — " + s.describe());
            return Main.OK;
        } catch (ScenarioException e) {
            System.err.println(scenario + ": invalid scenario (" + e.problems().size() + " problem"
                    + (e.problems().size() == 1 ? "" : "s") + ")");
            e.problems().forEach(p -> System.err.println("  " + p));
            return Main.BAD_INPUT;
        }
    }
}
