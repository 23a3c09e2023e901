package dev.otpsim.scenario;

import com.typesafe.config.Config;
import dev.otpsim.load.LoadProfile;
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
 * @param people      who signs in and how they behave
 * @param load        when journeys start
 * @param pollMillis  how often (simulated) a waiting person glances at the handset
 * @param metrics     windows and retry-storm rules
 * @param thresholds  pass/fail conditions (exit 1 when one fails)
 * @param raw         the resolved configuration, shown in reports as "the scenario as run"
 */
public record Scenario(Path file, String name, String description, long seed, double timeScale,
                       Population people, LoadProfile load, long pollMillis, MetricsSpec metrics,
                       List<Threshold> thresholds, Config raw) {

    public String describe() {
        return "scenario \"" + name + "\", seed " + seed + ", time-scale " + timeScale + ", "
                + Math.round(load.expectedJourneys()) + " journeys over "
                + dev.otpsim.distribution.Durations.show(load.durationMillis()) + " (simulated)";
    }
}
