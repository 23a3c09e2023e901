package dev.otpsim.cli;

import com.typesafe.config.Config;
import dev.otpsim.carrier.CarrierSpecs;
import dev.otpsim.carrier.gateway.GatewaySpec;
import dev.otpsim.report.compare.Sweep;
import dev.otpsim.report.compare.Variant;
import dev.otpsim.config.Problems;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.config.ScenarioException;
import dev.otpsim.config.ScenarioFiles;
import dev.otpsim.scenario.ScenarioLoader;
import dev.otpsim.config.Section;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code otpsim validate <file>}: checks a scenario, a sweep (every variant) or a carriers file
 * for {@code otpsim gateway}, without sending any load.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a scenario, a comparison sweep (every variant) or a carriers file; sends nothing.",
            "Every problem is listed with file, line, key and what was expected. Exit 0 ok, 2 invalid."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "HOCON file, e.g. scenarios/quickstart.conf")
    Path file;

    @Override
    public Integer call() {
        try {
            System.out.println(file + ": ok — " + check(file));
            return Main.OK;
        } catch (ScenarioException e) {
            System.err.println(e.report(file));
            return Main.BAD_INPUT;
        }
    }

    /** Validates whichever kind of file this is and describes it in one line. */
    static String check(Path file) {
        Config config = ScenarioFiles.parse(file);
        if (config.hasPath("base") && config.hasPath("vary")) {
            Sweep sweep = Sweep.parse(file);
            List<Variant> variants = sweep.variants();
            for (Variant v : variants) {
                ScenarioLoader.fromConfig(v.config(), file);
            }
            return "sweep of " + variants.size() + " variants of " + sweep.baseFile().getFileName()
                    + ", each a valid scenario";
        }
        if (!config.hasPath("people") && !config.hasPath("load")
                && (config.hasPath("carriers") || config.hasPath("gateway"))) {
            Problems problems = new Problems();
            Section root = Section.root(config, problems);
            int channels = root.has("carriers") ? CarrierSpecs.read(root.section("carriers")).size() : 0;
            if (root.has("gateway")) {
                GatewaySpec.read(root.section("gateway"));
            }
            root.integer("seed", 1L, Long.MIN_VALUE, Long.MAX_VALUE);
            root.allow("carrier-profiles", "person-profiles");
            root.finish();
            problems.throwIfAny();
            return "carriers file for `otpsim gateway` (" + channels + " channels)";
        }
        Scenario s = ScenarioLoader.fromConfig(config, file);   // parsed once, above
        return s.describe();
    }
}
