package dev.otpsim.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Parses a HOCON scenario file (with its includes) into a resolved {@link Config}, or explains why not.
 *
 * <pre>{@code
 * Config c = ScenarioFiles.parse(Path.of("scenarios/quickstart.conf"));   // or ScenarioException
 * }</pre>
 *
 * What it guarantees (README "Reliability and safety"):
 * <ul>
 * <li>includes are files, resolved relative to the including file whatever the working directory;
 *     a missing one is an error; URLs and the class path are refused before any connection
 *     ({@link ScenarioIncluder});</li>
 * <li>size, nesting and substitution expansion are bounded ({@link Limits}) and checked before the
 *     parser or resolver could exhaust the stack or the heap ({@link ScenarioText}, {@link Expansion});</li>
 * <li>every failure is a {@link ScenarioException} with file and line, never a stack trace.</li>
 * </ul>
 */
public final class ScenarioFiles {
    private ScenarioFiles() {
    }

    /**
     * Reads and resolves {@code file}. Substitutions such as {@code ${carrier-profiles.sms-healthy}}
     * resolve within the scenario only (never from system properties or the environment, so a run
     * is reproducible from its files).
     */
    public static Config parse(Path file) {
        return resolve(parseUnresolved(file));
    }

    /** Reads {@code file} and its includes, checked but with substitutions left for {@link #resolve}. */
    public static Config parseUnresolved(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException(new ScenarioProblem(file.toString(), -1, "",
                    Files.exists(file) ? "not a regular file" : "no such file"));
        }
        Reading reading = new Reading();
        ConfigObject root;
        try {
            root = reading.read(file.toAbsolutePath().normalize(), null, -1);
        } catch (ConfigException e) {
            reading.problems.add(e.origin(), "", explanation(e));
            root = null;
        } catch (StackOverflowError e) {
            // ScenarioText bounds nesting first; this only guards against a case it does not foresee.
            reading.problems.add(new ScenarioProblem(display(file.toAbsolutePath()), -1, "",
                    "too deeply nested for the HOCON parser"));
            root = null;
        }
        reading.problems.throwIfAny();
        return root.toConfig();
    }

    /**
     * Parses and resolves HOCON text that must include nothing, such as a run's {@code scenario.conf}
     * (written resolved) read back by a report: the same bounds as a file, every include refused.
     *
     * @param description names the text in problems, e.g. the file it was read from
     */
    public static Config parseText(String text, String description) {
        Problems problems = new Problems();
        if (text.length() > Limits.MAX_SCENARIO_BYTES) {
            problems.add(new ScenarioProblem(description, -1, "", "longer than " + Limits.MAX_SCENARIO_BYTES + " characters"));
        }
        ScenarioText.Nesting nesting = ScenarioText.nesting(text, Limits.MAX_NESTING);
        if (nesting.tooDeep()) {
            problems.add(new ScenarioProblem(description, nesting.line(), "", "nested more than " + Limits.MAX_NESTING
                    + " levels deep"));
        }
        problems.throwIfAny();
        Config unresolved;
        try {
            unresolved = ConfigFactory.parseString(text, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF)
                    .setOriginDescription(description).setIncluder(new NoIncludes(description, problems)));
        } catch (ConfigException e) {
            problems.add(e.origin(), "", explanation(e));
            unresolved = null;
        }
        problems.throwIfAny();
        return resolve(unresolved);
    }

    /** Refuses every include: for text that stands alone. */
    private record NoIncludes(String description, Problems problems) implements ConfigIncluder, ConfigIncluderFile,
            ConfigIncluderURL, ConfigIncluderClasspath {
        @Override
        public ConfigIncluder withFallback(ConfigIncluder fallback) {
            return this;
        }

        @Override
        public ConfigObject include(ConfigIncludeContext context, String what) {
            return refuse(what);
        }

        @Override
        public ConfigObject includeFile(ConfigIncludeContext context, java.io.File what) {
            return refuse(what.getPath());
        }

        @Override
        public ConfigObject includeURL(ConfigIncludeContext context, java.net.URL what) {
            return refuse(what.toExternalForm());
        }

        @Override
        public ConfigObject includeResources(ConfigIncludeContext context, String what) {
            return refuse(what);
        }

        private ConfigObject refuse(String what) {
            problems.add(new ScenarioProblem(description, -1, "", "include \"" + what + "\": refused, this text "
                    + "stands alone"));
            return ConfigFactory.empty(description).root();
        }
    }

    /**
     * Resolves substitutions, after checking what they would expand to ({@link Expansion}); a
     * substitution that cannot be resolved is a problem at its line.
     */
    public static Config resolve(Config unresolved) {
        Problems problems = new Problems();
        Expansion.check(unresolved, problems);
        problems.throwIfAny();
        try {
            return unresolved.resolve(ConfigResolveOptions.noSystem());
        } catch (ConfigException e) {
            problems.add(e.origin(), "", explanation(e));
        } catch (StackOverflowError e) {
            problems.add(unresolved.origin(), "", "substitutions nest too deeply to resolve");
        }
        problems.throwIfAny();
        throw new IllegalStateException("unreachable");
    }

    /**
     * How a file is named in problems: as the user would type it from the working directory when it
     * lies below it, else its absolute path.
     */
    public static String display(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return abs.startsWith(here) && !abs.equals(here) ? here.relativize(abs).toString() : abs.toString();
    }

    /** Typesafe prefixes messages with the origin; keep only the explanation. */
    private static String explanation(ConfigException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e.origin() != null && msg.startsWith(e.origin().description())) {
            msg = msg.substring(e.origin().description().length()).replaceFirst("^:\\s*", "");
        }
        return msg;
    }

    /**
     * One scenario being read: the problems found, the bytes and includes spent against
     * {@link Limits}, and the files open (to refuse an include cycle).
     */
    static final class Reading {
        final Problems problems = new Problems();
        private final Deque<Path> open = new ArrayDeque<>();
        private long bytes;
        private int includes;
        private boolean overBudget;

        int includes() {
            return includes;
        }

        boolean isOpen(Path file) {
            return open.contains(file);
        }

        String chain(Path file) {
            StringBuilder b = new StringBuilder();
            open.descendingIterator().forEachRemaining(p -> b.append(display(p)).append(" → "));
            return b.append(display(file)).toString();
        }

        void problem(ScenarioProblem p) {
            problems.add(p);
        }

        /**
         * Reads one file, checks its size and nesting, and parses it with an includer of its own.
         * Problems with the include itself are reported at {@code includedFrom:line}.
         */
        ConfigObject read(Path file, String includedFrom, int line) {
            if (includedFrom != null) {
                includes++;
            }
            String shown = display(file);
            String where = includedFrom == null ? shown : includedFrom;
            int at = includedFrom == null ? -1 : line;
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                problems.add(new ScenarioProblem(where, at, "", "cannot read " + shown + ": " + e.getMessage()));
                return ConfigFactory.empty(shown).root();
            }
            if (bytes + size > Limits.MAX_SCENARIO_BYTES) {
                if (!overBudget) {
                    problems.add(new ScenarioProblem(where, at, "", String.format(Locale.ROOT,
                            "%s is %,d bytes; a scenario and its includes may hold at most %,d together",
                            shown, size, Limits.MAX_SCENARIO_BYTES)));
                }
                overBudget = true;
                return ConfigFactory.empty(shown).root();
            }
            bytes += size;
            String text;
            try {
                text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add(new ScenarioProblem(where, at, "", "cannot read " + shown + ": " + e.getMessage()));
                return ConfigFactory.empty(shown).root();
            }
            ScenarioText.Nesting nesting = ScenarioText.nesting(text, Limits.MAX_NESTING);
            if (nesting.tooDeep()) {
                problems.add(new ScenarioProblem(shown, nesting.line(), "", "nested more than " + Limits.MAX_NESTING
                        + " levels deep (objects, lists and dotted keys); flatten it"));
                return ConfigFactory.empty(shown).root();
            }
            open.push(file);
            try {
                return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults()
                        .setSyntax(includedFrom == null ? ConfigSyntax.CONF : syntaxOf(file))
                        .setAllowMissing(false)
                        .setIncluder(new ScenarioIncluder(file, text, this))).root();
            } finally {
                open.pop();
            }
        }

        private static ConfigSyntax syntaxOf(Path file) {
            String name = file.getFileName().toString();
            return name.endsWith(".json") ? ConfigSyntax.JSON
                    : name.endsWith(".properties") ? ConfigSyntax.PROPERTIES : ConfigSyntax.CONF;
        }
    }
}
