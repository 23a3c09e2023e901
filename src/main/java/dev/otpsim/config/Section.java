package dev.otpsim.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A validating reader over one object of a scenario file.
 *
 * <p>Every getter checks type and range and, on a bad value, records a {@link ScenarioProblem}
 * (file, line, full key, what was expected) and returns the default, so one pass reports every
 * problem. {@link #finish()} refuses keys nobody read: a typo is an error, never silently ignored.
 *
 * <pre>{@code
 * Problems problems = new Problems();
 * Section loss = root.section("loss");
 * double p = loss.probability("probability", 0.0);
 * loss.finish();
 * problems.throwIfAny();
 * }</pre>
 */
public final class Section {
    private final Config config;
    private final String path;
    private final ConfigOrigin origin;
    private final Problems problems;
    private final Set<String> known = new LinkedHashSet<>();

    private Section(Config config, String path, ConfigOrigin origin, Problems problems) {
        this.config = config;
        this.path = path;
        this.origin = origin;
        this.problems = problems;
    }

    /** The top of a (resolved) scenario. */
    public static Section root(Config config, Problems problems) {
        return new Section(config, "", config.origin(), problems);
    }

    public Problems problems() {
        return problems;
    }

    /** Full dotted path of {@code key} inside this section, as shown to users. */
    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** This section's own path ("" at the root). */
    public String path() {
        return path;
    }

    public boolean has(String key) {
        known.add(key);
        return config.root().containsKey(key) && config.root().get(key).valueType() != ConfigValueType.NULL;
    }

    /** Declares keys that are valid here although this reader does not read them. */
    public Section allow(String... keys) {
        known.addAll(List.of(keys));
        return this;
    }

    public ConfigValueType type(String key) {
        known.add(key);
        ConfigValue v = config.root().get(key);
        return v == null ? ConfigValueType.NULL : v.valueType();
    }

    // ---- scalars ------------------------------------------------------------------------

    /** A required duration (HOCON {@code 30s}, {@code 10m}, {@code 500ms}), not negative. */
    public Duration duration(String key) {
        return duration(key, null);
    }

    /** A duration, {@code def} when absent ({@code def == null} makes it required). */
    public Duration duration(String key, Duration def) {
        if (!present(key, def == null, "a duration such as 30s, 10m or 500ms")) {
            return def == null ? Duration.ZERO : def;
        }
        try {
            Duration d = config.getDuration(key);
            if (d.isNegative()) {
                problem(key, "must not be negative, got " + render(key));
                return def == null ? Duration.ZERO : def;
            }
            return d;
        } catch (ConfigException e) {
            problem(key, "expected a duration such as 30s, 10m or 500ms, got " + render(key));
            return def == null ? Duration.ZERO : def;
        }
    }

    /**
     * A duration that may be negative ({@code -20s}), e.g. how far a clock is behind; {@code def}
     * when absent ({@code def == null} makes it required).
     */
    public Duration signedDuration(String key, Duration def) {
        if (!present(key, def == null, "a duration such as 20s or -20s")) {
            return def == null ? Duration.ZERO : def;
        }
        try {
            return config.getDuration(key);
        } catch (ConfigException e) {
            problem(key, "expected a duration such as 20s or -20s, got " + render(key));
            return def == null ? Duration.ZERO : def;
        }
    }

    /** A required positive duration. */
    public Duration positiveDuration(String key) {
        return positiveDuration(key, null);
    }

    public Duration positiveDuration(String key, Duration def) {
        Duration d = duration(key, def);
        if (has(key) && d.isZero() && valueOk(key)) {
            problem(key, "must be greater than zero");
        }
        return d;
    }

    /** A number in [min, max]; {@code def == null} makes it required. */
    public double number(String key, Double def, double min, double max) {
        String expected = "a number in [" + fmt(min) + ", " + fmt(max) + "]";
        if (!present(key, def == null, expected)) {
            return def == null ? min : def;
        }
        try {
            double v = config.getDouble(key);
            if (Double.isNaN(v) || v < min || v > max) {
                problem(key, "expected " + expected + ", got " + render(key));
                return def == null ? min : def;
            }
            return v;
        } catch (ConfigException e) {
            problem(key, "expected " + expected + ", got " + render(key));
            return def == null ? min : def;
        }
    }

    /** A probability in [0, 1]. */
    public double probability(String key, Double def) {
        return number(key, def, 0.0, 1.0);
    }

    /** A whole number in [min, max]; {@code def == null} makes it required. */
    public long integer(String key, Long def, long min, long max) {
        String expected = "a whole number in [" + min + ", " + max + "]";
        if (!present(key, def == null, expected)) {
            return def == null ? min : def;
        }
        try {
            ConfigValue raw = config.getValue(key);
            if (raw.valueType() != ConfigValueType.NUMBER) {
                throw new ConfigException.WrongType(raw.origin(), key, "number", raw.valueType().name());
            }
            double d = config.getDouble(key);
            long v = config.getLong(key);
            if (d != v || v < min || v > max) {
                problem(key, "expected " + expected + ", got " + render(key));
                return def == null ? min : def;
            }
            return v;
        } catch (ConfigException e) {
            problem(key, "expected " + expected + ", got " + render(key));
            return def == null ? min : def;
        }
    }

    public int integer(String key, int def, int min, int max) {
        return (int) integer(key, (long) def, min, max);
    }

    public boolean bool(String key, boolean def) {
        if (!present(key, false, "true or false")) {
            return def;
        }
        try {
            return config.getBoolean(key);
        } catch (ConfigException e) {
            problem(key, "expected true or false, got " + render(key));
            return def;
        }
    }

    /** A string; {@code def == null} makes it required. */
    public String string(String key, String def) {
        if (!present(key, def == null, "a string")) {
            return def;
        }
        ConfigValue v = config.getValue(key);
        if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
            problem(key, "expected a string, got " + render(key));
            return def;
        }
        return String.valueOf(v.unwrapped());
    }

    /** One of a fixed set of words, e.g. {@code rotation = latest-only}. */
    public <E> E choice(String key, Map<String, E> choices, E def) {
        String expected = "one of " + String.join(", ", new TreeSet<>(choices.keySet()));
        if (!present(key, def == null, expected)) {
            return def;
        }
        String s = string(key, "");
        E v = choices.get(s);
        if (v == null) {
            problem(key, "expected " + expected + ", got " + render(key));
            return def;
        }
        return v;
    }

    public List<String> strings(String key) {
        if (!present(key, false, "a list of strings")) {
            return List.of();
        }
        try {
            return config.getStringList(key);
        } catch (ConfigException e) {
            problem(key, "expected a list of strings, got " + render(key));
            return List.of();
        }
    }

    // ---- structure ----------------------------------------------------------------------

    /** A required nested object (an empty reader on error, so parsing can go on). */
    public Section section(String key) {
        return optionalSection(key, true).orElseGet(() -> new Section(
                com.typesafe.config.ConfigFactory.empty(), path(key), origin, problems));
    }

    public Optional<Section> optionalSection(String key) {
        return optionalSection(key, false);
    }

    private Optional<Section> optionalSection(String key, boolean required) {
        if (!present(key, required, "an object { ... }")) {
            return Optional.empty();
        }
        ConfigValue v = config.root().get(key);
        if (v.valueType() != ConfigValueType.OBJECT) {
            problem(key, "expected an object { ... }, got " + render(key));
            return Optional.empty();
        }
        return Optional.of(new Section(((ConfigObject) v).toConfig(), path(key), v.origin(), problems));
    }

    /** A list of objects; each element's path is {@code key[i]}. */
    public List<Section> sections(String key) {
        if (!present(key, false, "a list of objects [ {...}, ... ]")) {
            return List.of();
        }
        ConfigValue v = config.root().get(key);
        if (v.valueType() != ConfigValueType.LIST) {
            problem(key, "expected a list of objects [ {...}, ... ], got " + render(key));
            return List.of();
        }
        List<Section> out = new ArrayList<>();
        List<? extends ConfigValue> items = config.getList(key);
        for (int i = 0; i < items.size(); i++) {
            ConfigValue item = items.get(i);
            String itemPath = path(key) + "[" + i + "]";
            if (item.valueType() != ConfigValueType.OBJECT) {
                problems.add(item.origin(), itemPath, "expected an object { ... }, got " + item.render());
                continue;
            }
            out.add(new Section(((ConfigObject) item).toConfig(), itemPath, item.origin(), problems));
        }
        return out;
    }

    /** Keys present in this object, in file order where HOCON keeps it. */
    public Set<String> keys() {
        return config.root().keySet();
    }

    /** Refuses every key present here that no reader asked for. */
    public void finish() {
        for (String key : config.root().keySet()) {
            if (!known.contains(key)) {
                ConfigValue v = config.root().get(key);
                String expected = known.isEmpty() ? "no keys here" : "one of " + String.join(", ", known);
                problems.add(v.origin(), path(key), "unknown key; expected " + expected);
            }
        }
    }

    /** Records a problem located at {@code key} (or at this section when the key is absent). */
    public void problem(String key, String message) {
        ConfigValue v = config.root().get(key);
        problems.add(v != null ? v.origin() : origin, path(key), message);
    }

    /** Records a problem about this whole section. */
    public void problem(String message) {
        problems.add(origin, path, message);
    }

    // ---- internals ----------------------------------------------------------------------

    private boolean present(String key, boolean required, String expected) {
        known.add(key);
        ConfigValue v = config.root().get(key);
        if (v == null || v.valueType() == ConfigValueType.NULL) {
            if (required) {
                problems.add(origin, path(key), "missing; expected " + expected);
            }
            return false;
        }
        return true;
    }

    private boolean valueOk(String key) {
        try {
            return !config.getDuration(key).isNegative();
        } catch (ConfigException e) {
            return false;
        }
    }

    private String render(String key) {
        ConfigValue v = config.root().get(key);
        if (v == null) {
            return "nothing";
        }
        String text = v.render(com.typesafe.config.ConfigRenderOptions.concise());
        // A problem is one line: a huge wrong value is shown by its start and size.
        return text.length() <= 120 ? text : text.substring(0, 100) + "... (" + text.length() + " characters)";
    }

    private static String fmt(double d) {
        if (d == Double.MAX_VALUE || Double.isInfinite(d)) {
            return "∞";
        }
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
