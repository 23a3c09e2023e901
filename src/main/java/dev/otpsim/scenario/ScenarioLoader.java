package dev.otpsim.scenario;

import com.typesafe.config.Config;
import java.nio.file.Path;

/** Loads and validates a scenario file: every problem is reported before anything starts. */
public final class ScenarioLoader {
    private ScenarioLoader() {
    }

    public static Scenario load(Path file) {
        Config config = ScenarioFiles.parse(file);
        Problems problems = new Problems();
        Section root = Section.root(config, problems);
        String fileName = file.getFileName().toString();
        String name = root.string("name", fileName.replaceFirst("\\.conf$", ""));
        String description = root.string("description", "");
        long seed = root.integer("seed", 1L, Long.MIN_VALUE, Long.MAX_VALUE);
        double timeScale = root.number("time-scale", 1.0, 0.001, 100_000.0);
        // Libraries of reusable pieces that scenarios pick from with ${...} substitutions.
        root.allow("carrier-profiles", "person-profiles");
        root.finish();
        problems.throwIfAny();
        return new Scenario(file, name, description, seed, timeScale, config);
    }
}
