package dev.otpsim.scenario;

import com.typesafe.config.Config;
import dev.otpsim.load.LoadProfile;
import dev.otpsim.metrics.MetricsSpec;
import dev.otpsim.metrics.Threshold;
import dev.otpsim.person.Population;
import dev.otpsim.person.PopulationParser;
import java.nio.file.Path;
import java.time.Duration;

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

    /** Validates an already parsed and resolved scenario (e.g. a sweep variant). */
    public static Scenario fromConfig(Config config, Path file) {
        Problems problems = new Problems();
        Section root = Section.root(config, problems);
        String fileName = file.getFileName().toString();
        String name = root.string("name", fileName.replaceFirst("\\.conf$", ""));
        if (!name.matches("[A-Za-z0-9._-]+")) {
            root.problem("name", "expected letters, digits, '.', '_' or '-' (it names the report folder), got \""
                    + name + "\"");
        }
        String description = root.string("description", "");
        long seed = root.integer("seed", 1L, Long.MIN_VALUE, Long.MAX_VALUE);
        double timeScale = root.number("time-scale", 1.0, 0.001, 100_000.0);

        Population people = PopulationParser.read(root.section("people"));
        Section loadSection = root.section("load");
        long poll = loadSection.positiveDuration("poll-interval", Duration.ofSeconds(1)).toMillis();
        LoadProfile load = LoadProfile.read(loadSection);
        MetricsSpec metrics = root.has("metrics") ? MetricsSpec.read(root.section("metrics")) : MetricsSpec.defaults();
        var thresholds = Threshold.read(root, "thresholds");

        // Libraries of reusable pieces that scenarios pick from with ${...} substitutions.
        root.allow("carrier-profiles", "person-profiles");
        root.finish();
        problems.throwIfAny();
        return new Scenario(file, name, description, seed, timeScale, people, load, poll, metrics, thresholds, config);
    }
}
