package dev.otpsim.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalInt;

/**
 * A lexical pass over a HOCON file's text, before the parser sees it: how deep its objects, lists
 * and dotted keys nest, and where an include statement is. The HOCON parser recurses once per
 * level and dies with a StackOverflowError on a few thousand; this pass is a loop, so it can say
 * "too deep at line 3" instead.
 *
 * <pre>{@code
 * ScenarioText.Nesting n = ScenarioText.nesting(text, Limits.MAX_NESTING);
 * if (n.tooDeep()) problem(file, n.line(), "nested deeper than " + Limits.MAX_NESTING);
 * }</pre>
 * It knows quoted strings ({@code "..."}, {@code """..."""}), comments ({@code #}, {@code //})
 * and substitutions, where brackets and dots do not count; anything else it leaves to the parser.
 */
public final class ScenarioText {
    private ScenarioText() {
    }

    /**
     * The deepest nesting found, or the first line where it went beyond {@code limit}.
     *
     * @param depth levels at the deepest point seen (stops counting past the limit)
     * @param line  1-based line where the limit was first exceeded, or -1 when it never was
     */
    public record Nesting(int depth, int line) {
        public boolean tooDeep() {
            return line > 0;
        }
    }

    /**
     * Levels of nesting: each {@code {} or {@code [} opens a level, or as many levels as the dotted
     * key before it has parts ({@code a.b.c { } is three); a dotted key {@code a.b.c = 1} adds its parts.
     */
    public static Nesting nesting(String text, int limit) {
        Deque<Integer> open = new ArrayDeque<>(); // levels each open bracket added
        int depth = 0;
        int deepest = 0;
        int line = 1;
        int segments = 0;   // parts of the dotted path being read, 0 between tokens
        int pending = 0;    // parts of the last key, until its value opens a bracket or ends
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                segments = 0;
                pending = 0;
                continue;
            }
            if (c == '#' || (c == '/' && i + 1 < n && text.charAt(i + 1) == '/')) {
                while (i + 1 < n && text.charAt(i + 1) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '"') {
                int end = endOfString(text, i);
                for (int k = i; k < end && k < n; k++) {
                    if (text.charAt(k) == '\n') {
                        line++;
                    }
                }
                segments = Math.max(segments, 1);
                i = end - 1;
                continue;
            }
            if (c == '$' && i + 1 < n && text.charAt(i + 1) == '{') {
                i = endOfSubstitution(text, i) - 1;
                segments = Math.max(segments, 1);
                continue;
            }
            switch (c) {
                case '{', '[' -> {
                    int levels = Math.max(1, Math.max(segments, pending));
                    open.push(levels);
                    depth += levels;
                    segments = 0;
                    pending = 0;
                }
                case '}', ']' -> {
                    if (!open.isEmpty()) {
                        depth -= open.pop();
                    }
                    segments = 0;
                    pending = 0;
                }
                case '=', ':' -> {
                    pending = Math.max(pending, segments);
                    segments = 0;
                }
                case ',' -> {
                    segments = 0;
                    pending = 0;
                }
                case '.' -> {
                    if (segments > 0) {
                        segments++;
                    }
                }
                case ' ', '\t', '\r' -> {
                    if (segments > 0) {
                        pending = Math.max(pending, segments);
                    }
                    segments = 0;
                }
                default -> segments = Math.max(segments, 1);
            }
            int here = depth + Math.max(segments, pending);
            if (here > deepest) {
                deepest = here;
                if (deepest > limit) {
                    return new Nesting(deepest, line);
                }
            }
        }
        return new Nesting(deepest, -1);
    }

    /**
     * The 1-based line of the include statement that names {@code name}, outside comments and
     * strings; empty when not found (the parser's own origin is then all there is).
     *
     * @param kind {@code ""} for {@code include "name"}, else {@code file}, {@code url} or {@code classpath}
     */
    public static OptionalInt includeLine(String text, String kind, String name) {
        java.util.regex.Pattern statement = java.util.regex.Pattern.compile("^include\\s+(required\\s*\\(\\s*)?"
                + (kind.isEmpty() ? "" : kind + "\\s*\\(\\s*") + java.util.regex.Pattern.quote("\"" + name + "\""));
        int line = 1;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c == '#' || (c == '/' && i + 1 < n && text.charAt(i + 1) == '/')) {
                while (i + 1 < n && text.charAt(i + 1) != '\n') {
                    i++;
                }
            } else if (c == '"') {
                int end = endOfString(text, i);
                for (int k = i; k < end && k < n; k++) {
                    if (text.charAt(k) == '\n') {
                        line++;
                    }
                }
                i = end - 1;
            } else if (text.startsWith("include", i) && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                int eol = text.indexOf('\n', i);
                String rest = text.substring(i, eol < 0 ? n : eol);
                if (statement.matcher(rest).find()) {
                    return OptionalInt.of(line);
                }
            }
        }
        return OptionalInt.empty();
    }

    /** Index just past the string starting at {@code start} (a quote), or the text's end if unclosed. */
    private static int endOfString(String text, int start) {
        int n = text.length();
        if (text.startsWith("\"\"\"", start)) {
            int close = text.indexOf("\"\"\"", start + 3);
            if (close < 0) {
                return n;
            }
            int end = close + 3;
            while (end < n && text.charAt(end) == '"') {
                end++; // """ may end with more quotes, which belong to the string
            }
            return end;
        }
        for (int i = start + 1; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"' || c == '\n') {
                return i + 1;
            }
        }
        return n;
    }

    /** Index just past the substitution starting at {@code start} ({@code ${...}}), quotes inside included. */
    private static int endOfSubstitution(String text, int start) {
        int n = text.length();
        for (int i = start + 2; i < n; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = endOfString(text, i) - 1;
            } else if (c == '}' || c == '\n') {
                return i + 1;
            }
        }
        return n;
    }
}
