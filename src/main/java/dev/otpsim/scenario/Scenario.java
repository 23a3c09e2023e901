package dev.otpsim.scenario;

import com.typesafe.config.Config;
import java.nio.file.Path;

/**
 * A validated scenario: everything a run needs, all durations in simulated time.
 *
 * @param file       where it was loaded from
 * @param name       short id used in run ids and reports
 * @param seed       seeds every random draw of the run
 * @param timeScale  simulated seconds per real second
 * @param raw        the resolved configuration, shown in reports as "the scenario as run"
 */
public record Scenario(Path file, String name, String description, long seed, double timeScale, Config raw) {

    public String describe() {
        return "scenario \"" + name + "\", seed " + seed + ", time-scale " + timeScale;
    }
}
