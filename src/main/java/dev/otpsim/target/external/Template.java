package dev.otpsim.target.external;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with placeholders, as written in an external target's scenario section:
 * {@code "+1555{n:07d}"}, {@code "/users/{user}/otp"}, {@code "{\"to\":\"{address}\"}"}.
 *
 * <p>A placeholder is a known name in braces, optionally with a zero-padded width for numbers
 * ({@code {n:07d}}). Braces that do not enclose a word, such as a JSON object's, are literal
 * text, so JSON bodies need no escaping. An unknown word in braces is an error, not literal text:
 * {@code {adress}} is far more likely a typo than something the target expects.
 *
 * <pre>{@code
 * Template t = Template.parse("+1555{n:07d}", Set.of("n"));   // IllegalArgumentException when malformed
 * t.render(name -> name.equals("n") ? "17" : null, v -> v);    // "+15550000017"
 * }</pre>
 */
public final class Template {
    /** {@code {word}} or {@code {word:fmt}}; anything else in braces is literal. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)(?::([^{}]*))?}");
    /** Widths for numbers: {@code d}, {@code 7d}, {@code 07d}. */
    private static final Pattern NUMBER_FORMAT = Pattern.compile("(0?)([1-9][0-9]?)?d");

    private sealed interface Part permits Literal, Slot {
    }

    private record Literal(String text) implements Part {
    }

    private record Slot(String name, String format) implements Part {
    }

    private final String source;
    private final List<Part> parts;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /**
     * Parses {@code text}; {@code allowed} are the placeholder names valid where it is used.
     *
     * @throws IllegalArgumentException naming the bad placeholder and what is allowed
     */
    public static Template parse(String text, Set<String> allowed) {
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int at = 0;
        while (m.find()) {
            String name = m.group(1);
            String format = m.group(2);
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown placeholder {" + name + "}; expected one of "
                        + describe(allowed));
            }
            if (format != null && !(name.equals("n") && NUMBER_FORMAT.matcher(format).matches())) {
                throw new IllegalArgumentException("{" + name + ":" + format + "}: only {n} takes a format, "
                        + "a width such as {n:07d} (zero-padded to 7 digits)");
            }
            if (m.start() > at) {
                parts.add(new Literal(text.substring(at, m.start())));
            }
            parts.add(new Slot(name, format == null ? null : "%" + format));
            at = m.end();
        }
        if (at < text.length()) {
            parts.add(new Literal(text.substring(at)));
        }
        return new Template(text, List.copyOf(parts));
    }

    /** A template without placeholders. */
    public static Template literal(String text) {
        return new Template(text, List.of(new Literal(text)));
    }

    /**
     * Fills the placeholders: {@code values} gives each name's value ({@code n} as a decimal
     * number), {@code escape} makes a value safe where it lands (JSON string, URL, none).
     */
    public String render(Function<String, String> values, UnaryOperator<String> escape) {
        StringBuilder b = new StringBuilder(source.length() + 16);
        for (Part p : parts) {
            if (p instanceof Literal l) {
                b.append(l.text());
            } else {
                Slot s = (Slot) p;
                String v = values.apply(s.name());
                if (v == null) {
                    v = "";
                }
                if (s.format() != null) {
                    v = String.format(Locale.ROOT, s.format(), Long.parseLong(v));
                }
                b.append(escape.apply(v));
            }
        }
        return b.toString();
    }

    /** Names of the placeholders used, e.g. to check that a verify request sends the code. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (Part p : parts) {
            if (p instanceof Slot s) {
                names.add(s.name());
            }
        }
        return names;
    }

    /** The text as written. */
    public String source() {
        return source;
    }

    static String describe(Set<String> names) {
        List<String> list = new ArrayList<>();
        for (String n : new TreeSet<>(names)) {
            list.add("{" + n + "}");
        }
        return String.join(", ", list);
    }

    @Override
    public String toString() {
        return source;
    }
}
