package dev.otpsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the package structure docs/architecture.md describes: no package cycle, the leaves import
 * no otpsim code, and every package imports only what the document's "may import" column allows.
 *
 * <p>A scan of the source text rather than ArchUnit (not in the build, and a new dependency for
 * one check): every {@code dev.otpsim.x.Y} in code (imports, static imports, fully-qualified
 * names; not comments or strings) is an edge from the file's package to {@code x}. That is what
 * javac resolves from the text, so it also catches an import kept only for a Javadoc link.
 *
 * <pre>{@code
 * mvn -B -o test -Dtest=ArchitectureTest
 * }</pre>
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path DOC = Path.of("docs/architecture.md");

    /** Packages that import no otpsim code; docs/architecture.md's "nothing of otpsim" rows. */
    private static final Set<String> LEAVES = Set.of("config", "clock", "handset", "http", "totp");

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+dev\\.otpsim\\.([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** The package part of a reference: lower-case segments, up to the first type name or {@code *}. */
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.otpsim((?:\\.[a-z_][a-z0-9_]*)+)(?:\\.[A-Z]\\w*)?");

    @Test
    void noPackageCycle() {
        Graph g = scan(SOURCES);
        assertTrue(g.edges.size() > 15, "scanned too few packages under " + SOURCES.toAbsolutePath());
        List<String> cycles = g.cycles();
        assertTrue(cycles.isEmpty(), "package cycles:\n" + String.join("\n", cycles));
    }

    @Test
    void leavesImportNoOtpsimPackage() {
        Graph g = scan(SOURCES);
        List<String> found = new ArrayList<>();
        for (String leaf : new TreeSet<>(LEAVES)) {
            assertTrue(g.edges.containsKey(leaf), "no package dev.otpsim." + leaf);
            g.edges.get(leaf).forEach((to, where) -> found.add(leaf + " → " + to + " (" + where + ")"));
        }
        assertTrue(found.isEmpty(), "leaf packages import otpsim code:\n" + String.join("\n", found));
    }

    @Test
    void everyPackageImportsOnlyWhatTheArchitectureDocAllows() {
        Graph g = scan(SOURCES);
        Map<String, Set<String>> allowed = mayImport(DOC);
        assertEquals(LEAVES, allowed.entrySet().stream().filter(e -> e.getValue().isEmpty())
                .map(Map.Entry::getKey).collect(Collectors.toSet()), DOC + ": its \"nothing of otpsim\" rows");
        assertEquals(new TreeSet<>(g.edges.keySet()), new TreeSet<>(allowed.keySet()),
                DOC + " must have a row for each package in " + SOURCES + ", and no other");
        List<String> unlisted = new ArrayList<>();
        g.edges.forEach((from, tos) -> tos.forEach((to, where) -> {
            Set<String> may = allowed.get(from);
            if (may != null && !may.contains("*") && !may.contains(to)) {
                unlisted.add(from + " → " + to + " (" + where + ")");
            }
        }));
        assertTrue(unlisted.isEmpty(), "imports " + DOC + " does not allow (add them to \"may import\", "
                + "or move the code):\n" + String.join("\n", unlisted));
    }

    @Test
    void aCycleIsReportedAsAPathWithTheFileOfEachStep() {
        Graph g = new Graph();
        g.add("a", "b", "a/A.java: dev.otpsim.b.B");
        g.add("b", "c", "b/B.java: dev.otpsim.c.C");
        g.add("c", "a", "c/C.java: dev.otpsim.a.A");
        g.add("c", "d", "c/C.java: dev.otpsim.d.D");
        assertEquals(List.of("a → b → c → a  [a/A.java: dev.otpsim.b.B; b/B.java: dev.otpsim.c.C; c/C.java: dev.otpsim.a.A]"),
                g.cycles());
    }

    @Test
    void referencesInCommentsAndStringsAreNotEdges() {
        String code = """
                package dev.otpsim.a;
                import dev.otpsim.b.B;
                import static dev.otpsim.c.C.f;
                import dev.otpsim.d.*;
                /** See {@link dev.otpsim.x.X}. */
                class A { // dev.otpsim.y.Y
                    Object e = new dev.otpsim.e.sub.E();
                    String s = "dev.otpsim.z.Z \\" dev.otpsim.z.Z";
                    char q = '"';
                    Object f = dev.otpsim.f.F.class;
                }
                """;
        Graph g = new Graph();
        g.read(Path.of("a/A.java"), code);
        assertEquals(Set.of("b", "c", "d", "e.sub", "f"), g.edges.get("a").keySet());
        assertEquals("a/A.java:7 dev.otpsim.e.sub.E", g.edges.get("a").get("e.sub"));
    }

    // ---- the scan ----------------------------------------------------------------------------

    static Graph scan(Path root) {
        Graph g = new Graph();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                g.read(root.relativize(f), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return g;
    }

    /** Package → package it references → the first reference seen ("file: name"). */
    static final class Graph {
        final Map<String, Map<String, String>> edges = new TreeMap<>();

        void read(Path file, String source) {
            String code = codeOnly(source);
            Matcher p = PACKAGE.matcher(code);
            if (!p.find()) {
                return; // dev.otpsim itself holds no classes
            }
            String from = p.group(1);
            edges.computeIfAbsent(from, k -> new TreeMap<>());
            Matcher r = REFERENCE.matcher(code);
            r.region(p.end(), code.length());
            while (r.find()) {
                String to = r.group(1).substring(1);
                if (!to.equals(from)) {
                    long line = 1 + code.substring(0, r.start()).chars().filter(c -> c == '\n').count();
                    add(from, to, file + ":" + line + " " + r.group());
                }
            }
        }

        void add(String from, String to, String where) {
            edges.computeIfAbsent(from, k -> new TreeMap<>()).putIfAbsent(to, where);
            edges.computeIfAbsent(to, k -> new TreeMap<>());
        }

        /**
         * One cycle per strongly connected set of packages (Tarjan), as a path from its first
         * package back to itself, shortest first, with the reference behind each step.
         */
        List<String> cycles() {
            Map<String, Integer> index = new HashMap<>();
            Map<String, Integer> low = new HashMap<>();
            Deque<String> stack = new ArrayDeque<>();
            List<List<String>> sets = new ArrayList<>();
            for (String v : edges.keySet()) {
                if (!index.containsKey(v)) {
                    connect(v, index, low, stack, sets);
                }
            }
            List<String> out = new ArrayList<>();
            for (List<String> set : sets) {
                if (set.size() > 1) {
                    out.add(path(new TreeSet<>(set)));
                }
            }
            return out;
        }

        private void connect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                List<List<String>> sets) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            for (String w : edges.get(v).keySet()) {
                if (!index.containsKey(w)) {
                    connect(w, index, low, stack, sets);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (stack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                List<String> set = new ArrayList<>();
                String w;
                do {
                    w = stack.pop();
                    set.add(w);
                } while (!w.equals(v));
                sets.add(set);
            }
        }

        /** Breadth-first from the set's first package back to it, inside the set. */
        private String path(TreeSet<String> set) {
            String start = set.first();
            Map<String, String> cameFrom = new HashMap<>();
            Deque<String> queue = new ArrayDeque<>(List.of(start));
            String last = null;
            while (last == null) {
                String v = queue.poll();
                for (String w : edges.get(v).keySet()) {
                    if (w.equals(start)) {
                        last = v;
                        break;
                    }
                    if (set.contains(w) && !cameFrom.containsKey(w)) {
                        cameFrom.put(w, v);
                        queue.add(w);
                    }
                }
            }
            List<String> steps = new ArrayList<>(List.of(start));
            for (String v = last; !v.equals(start); v = cameFrom.get(v)) {
                steps.add(1, v);
            }
            steps.add(start);
            List<String> why = new ArrayList<>();
            for (int i = 0; i + 1 < steps.size(); i++) {
                why.add(edges.get(steps.get(i)).get(steps.get(i + 1)));
            }
            return String.join(" → ", steps) + "  [" + String.join("; ", why) + "]";
        }
    }

    /** The source with comments, string/text blocks and char literals blanked out; lines kept. */
    static String codeOnly(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                i = s.indexOf('\n', i) < 0 ? s.length() : s.indexOf('\n', i);
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                out.append(' ').append(newlines(s, i, end));
                i = end;
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                while (end > 0 && s.charAt(end - 1) == '\\') {
                    end = s.indexOf("\"\"\"", end + 1);
                }
                end = end < 0 ? s.length() : end + 3;
                out.append("\"\"").append(newlines(s, i, end));
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String newlines(String s, int from, int to) {
        return "\n".repeat((int) s.substring(from, to).chars().filter(c -> c == '\n').count());
    }

    // ---- the document ------------------------------------------------------------------------

    /**
     * The table under "## Packages": packages (back-quoted, column 2) → the packages they may
     * import (column 4): back-quoted names, "nothing of otpsim" (none) or "everything" ({@code *}).
     * Rows are in dependency order: a row may name only packages of rows above it, so the table
     * itself has no cycle.
     */
    static Map<String, Set<String>> mayImport(Path doc) {
        List<String> lines;
        try {
            lines = Files.readAllLines(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Set<String>> out = new TreeMap<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.startsWith("## Packages");
            } else if (inSection && line.startsWith("|") && !line.startsWith("|---") && !line.startsWith("| layer")) {
                String[] cells = line.split("\\|", -1);
                assertTrue(cells.length >= 6, doc + ": expected | layer | packages | what | may import |, got " + line);
                Set<String> may = new LinkedHashSet<>(quoted(cells[4]));
                if (cells[4].contains("everything")) {
                    may.add("*");
                } else if (may.isEmpty()) {
                    assertTrue(cells[4].contains("nothing of otpsim"), doc + ": no packages named in " + line);
                }
                for (String m : may) {
                    assertTrue(m.equals("*") || out.containsKey(m), doc + ": " + m
                            + " is not in a row above, so it may not be imported by " + cells[2].trim());
                }
                for (String p : quoted(cells[2])) {
                    assertTrue(out.put(p, may) == null, doc + ": two rows for " + p);
                }
            }
        }
        return out;
    }

    private static List<String> quoted(String cell) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("`([a-z][a-z.]*)`").matcher(cell);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
