package dev.otpsim.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import java.nio.file.Files;
import java.nio.file.Path;

/** Parses a HOCON scenario file (with its includes) into a resolved {@link Config}, or explains why not. */
public final class ScenarioFiles {
    private ScenarioFiles() {
    }

    /**
     * Reads and resolves {@code file}. Includes are relative to the including file; substitutions
     * such as {@code ${carrier-profiles.sms-healthy}} resolve within the scenario only (never from
     * system properties or the environment, so a run is reproducible from its files).
     */
    public static Config parse(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException(new ScenarioProblem(file.toString(), -1, "",
                    Files.exists(file) ? "not a regular file" : "no such file"));
        }
        try {
            Config c = ConfigFactory.parseFile(file.toFile(),
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
            return c.resolve(ConfigResolveOptions.noSystem());
        } catch (ConfigException e) {
            Problems p = new Problems();
            String msg = e.getMessage();
            // Typesafe prefixes messages with the origin; keep only the explanation.
            if (e.origin() != null && msg.startsWith(e.origin().description())) {
                msg = msg.substring(e.origin().description().length()).replaceFirst("^:\\s*", "");
            }
            p.add(e.origin() != null ? e.origin() : ConfigFactory.empty(file.toString()).origin(), "", msg);
            throw new ScenarioException(p.all());
        }
    }
}
