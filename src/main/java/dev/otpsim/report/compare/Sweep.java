package dev.otpsim.report.compare;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import dev.otpsim.config.Problems;
import dev.otpsim.config.ScenarioFiles;
import dev.otpsim.config.Section;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A policy comparison: a base scenario and the knobs to vary, read from a sweep file such as
 *
 * <pre>
 * base = "impatient-resend.conf"          # relative to this file
 * vary {
 *   "people.profile.resend-wait" = [15s, 30s, 60s, 120s]
 *   "target.policy.rotation" = [latest-only, same-code]
 * }
 * costs { currency = USD, sms = 0.0079, voice = 0.013, email = 0 }   # optional: the decision view's cost
 * </pre>
 *
 * Every combination of values is a {@link Variant}; the first knob varies slowest. Problems are
 * reported with file, line and key, like a scenario's.
 *
 * @param file       the sweep file
 * @param name       {@code name} from the file, else the file name without {@code .conf}
 * @param description free text shown on the page
 * @param baseFile   the base scenario
 * @param knobs      in the order written in the file
 * @param overrides  values every variant gets, e.g. a seed from the command line
 * @param costs      price per message and channel ({@code costs}), or null: the decision view then
 *                   shows messages per 1,000 sign-ins without a cost
 */
public record Sweep(Path file, String name, String description, Path baseFile, List<Knob> knobs,
                    Map<String, Object> overrides, Costs costs) {

    /** Knobs a comparison can chart: the first along the x axis, the second as one line per value. */
    public static final int CHARTED_KNOBS = 2;

    /** Reads and checks {@code file}; throws {@link dev.otpsim.config.ScenarioException} with every problem. */
    public static Sweep parse(Path file) {
        Config c = ScenarioFiles.parse(file);
        Problems problems = new Problems();
        Section root = Section.root(c, problems);
        String name = root.string("name", file.getFileName().toString().replaceFirst("\\.conf$", ""));
        String description = root.string("description", "");
        String base = root.string("base", null);
        Costs costs = root.optionalSection("costs").map(Costs::read).orElse(null);
        boolean hasVary = root.optionalSection("vary").isPresent();
        if (!hasVary && !root.has("vary")) {
            root.problem("vary", "missing; expected an object of knob paths to lists of values, e.g. "
                    + "vary { \"people.profile.resend-wait\" = [15s, 30s, 60s] }");
        }
        Path baseFile = base == null ? null
                : (file.toAbsolutePath().getParent() == null ? Path.of(".") : file.toAbsolutePath().getParent()).resolve(base).normalize();
        if (baseFile != null && !java.nio.file.Files.isRegularFile(baseFile)) {
            root.problem("base", "no such scenario file " + base + " (relative to this file: " + baseFile + ")");
        }
        root.finish();
        problems.throwIfAny();

        // The base parses (includes, substitutions) or its own problems are reported in its own file.
        Config resolvedBase = ScenarioFiles.parse(baseFile);
        List<Knob> knobs = readKnobs(c, resolvedBase, baseFile, problems);
        problems.throwIfAny();
        return new Sweep(file, name, description, baseFile, knobs, Map.of(), costs);
    }

    private static List<Knob> readKnobs(Config sweep, Config base, Path baseFile, Problems problems) {
        Config vary = sweep.getConfig("vary");
        List<Map.Entry<String, ConfigValue>> entries = new ArrayList<>(vary.entrySet());
        // HOCON objects keep no key order; the file's line order is the order people wrote.
        entries.sort(Comparator.comparingInt((Map.Entry<String, ConfigValue> e) -> e.getValue().origin().lineNumber())
                .thenComparing(Map.Entry::getKey));
        List<Knob> knobs = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : entries) {
            // "a.b.c" = [...] (one quoted key) and a.b.c = [...] (nested) both mean the base's path a.b.c.
            String path = String.join(".", ConfigUtil.splitPath(e.getKey()));
            String shown = "vary." + e.getKey();
            ConfigValue v = e.getValue();
            if (v.valueType() != ConfigValueType.LIST || ((List<?>) v.unwrapped()).isEmpty()) {
                problems.add(v.origin(), shown, "expected a non-empty list of values to try, e.g. [15s, 30s, 60s]");
                continue;
            }
            boolean known;
            try {
                known = base.hasPathOrNull(path);
            } catch (com.typesafe.config.ConfigException.BadPath bad) {
                // e.g. "a.b#c": the quoted key is split on its dots, and '#' cannot stand in a path
                problems.add(v.origin(), shown, "not a valid key path: " + bad.getMessage().replaceFirst("^[^:]*: ", ""));
                continue;
            }
            if (!known) {
                problems.add(v.origin(), shown, "not a key of the base scenario " + baseFile.getFileName()
                        + "; set it there first so every variant differs from the base only by this value");
                continue;
            }
            List<ConfigValue> values = new ArrayList<>(sweep.getList("vary." + e.getKey()));
            Set<String> seen = new HashSet<>();
            for (ConfigValue value : values) {
                if (!seen.add(Knob.text(value))) {
                    problems.add(value.origin(), shown, "value " + Knob.text(value) + " is listed twice");
                }
            }
            knobs.add(new Knob(path, List.copyOf(values)));
        }
        if (knobs.isEmpty() && problems.isEmpty()) {
            problems.add(vary.origin(), "vary", "expected at least one knob to vary");
        }
        long variants = knobs.stream().mapToLong(k -> k.values().size()).reduce(1, (a, b) -> Math.min(a * b, 1L << 40));
        if (variants > dev.otpsim.config.Limits.MAX_VARIANTS) {
            problems.add(vary.origin(), "vary", String.format(java.util.Locale.ROOT, "%,d combinations of values; a "
                    + "comparison runs at most %,d variants (each a full run)", variants,
                    dev.otpsim.config.Limits.MAX_VARIANTS));
        }
        return knobs;
    }

    /** This sweep with {@code value} set at {@code path} in every variant (e.g. a seed from the command line). */
    public Sweep withOverride(String path, Object value) {
        Map<String, Object> o = new LinkedHashMap<>(overrides);
        o.put(path, value);
        return new Sweep(file, name, description, baseFile, knobs, Map.copyOf(o), costs);
    }

    /** Number of variants: the product of the knobs' value counts. */
    public int size() {
        return knobs.stream().mapToInt(k -> k.values().size()).reduce(1, (a, b) -> a * b);
    }

    /** Every combination of knob values, the first knob varying slowest. */
    public List<Variant> variants() {
        // Read as the scenario loader reads it: includes relative to the base, bounded, no URLs.
        Config unresolvedBase = ScenarioFiles.parseUnresolved(baseFile);
        List<Variant> out = new ArrayList<>();
        int[] index = new int[knobs.size()];
        int width = String.valueOf(size()).length();
        for (int n = 0; n < size(); n++) {
            int rest = n;
            for (int k = knobs.size() - 1; k >= 0; k--) {
                index[k] = rest % knobs.get(k).values().size();
                rest /= knobs.get(k).values().size();
            }
            Map<String, String> chosen = new LinkedHashMap<>();
            Config override = ConfigFactory.empty();
            StringBuilder id = new StringBuilder(String.format("%0" + Math.max(2, width) + "d", n + 1));
            for (int k = 0; k < knobs.size(); k++) {
                Knob knob = knobs.get(k);
                ConfigValue value = knob.values().get(index[k]);
                chosen.put(knob.path(), Knob.text(value));
                // The sweep file's own value, so a problem with it points at the sweep's line.
                override = override.withValue(knob.path(), value);
                id.append('-').append(knob.label()).append('-').append(Knob.text(value));
            }
            for (Map.Entry<String, Object> o : overrides.entrySet()) {
                override = override.withValue(o.getKey(), ConfigValueFactory.fromAnyRef(o.getValue(), "command line"));
            }
            out.add(new Variant(safe(id.toString()), chosen, resolve(override, unresolvedBase)));
        }
        return out;
    }

    /**
     * The base with the knob values laid over it before resolving, exactly as if the values were
     * written at the end of the base file: substitutions that refer to a varied key see the new value.
     */
    private Config resolve(Config override, Config unresolvedBase) {
        return ScenarioFiles.resolve(override.withFallback(unresolvedBase));
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-+", "-").replaceAll("-$", "");
    }
}
