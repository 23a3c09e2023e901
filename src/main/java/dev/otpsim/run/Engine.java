package dev.otpsim.run;

import dev.otpsim.scenario.Scenario;
import java.io.IOException;

/**
 * Runs a scenario and writes {@code reports/<run-id>/}: the virtual-time engine or the Gatling
 * engine. Both execute the same model objects and write the same files.
 */
@FunctionalInterface
public interface Engine {
    RunResult run(Scenario scenario, RunOptions options) throws IOException;
}
