package dev.otpsim.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a parsed scenario becomes once its {@code ${...}} substitutions are expanded — how many
 * characters, how deep, how long its chains of substitutions — estimated from the unresolved tree,
 * before Typesafe Config resolves it. Resolving {@code b1 = ${b0}${b0}} ... {@code b30} builds a
 * gigabyte and dies with an OutOfMemoryError; a chain of 20,000 {@code c2 = ${c1}} dies with a
 * StackOverflowError. Here they are problems with file, line and key.
 *
 * <pre>{@code
 * Problems problems = new Problems();
 * Expansion.check(ConfigFactory.parseFile(file), problems);   // unresolved
 * problems.throwIfAny();
 * }</pre>
 *
 * <p>The estimate is an upper bound, never an underestimate: a value's size is its own text plus
 * the size of everything it refers to; a reference into a value that is itself unresolved counts
 * the whole value; a value that refers to its own earlier definition ({@code a = ${a}${a}}, also
 * what {@code +=} means) counts that definition once per reference. It reads only the rendered
 * text of unresolved values, which the public API offers, so it costs about one pass over the file.
 */
final class Expansion {
    /** Estimated sizes stop growing here, so repeated doubling cannot overflow a long. */
    private static final long CAP = Long.MAX_VALUE / 4;

    private final Node root = new Node(List.of(), null, true);
    private final Problems problems;
    private Node longest;     // the first node whose substitution chain went past the limit

    private Expansion(Problems problems) {
        this.problems = problems;
    }

    /** Records a problem for each bound the expanded scenario would break (at most one of each kind). */
    static void check(Config unresolved, Problems problems) {
        Expansion e = new Expansion(problems);
        if (!e.build(unresolved.root())) {
            return;
        }
        try {
            e.compute(e.root, 0);
        } catch (ChainTooLong stop) {
            e.longest = stop.node;
        }
        e.report();
    }

    // ---- the tree ---------------------------------------------------------------------------

    /** A key of the scenario: an object whose keys are known, or a value (possibly unresolved). */
    private static final class Node {
        final List<String> path;
        final ConfigOrigin origin;
        final Map<String, Node> children;
        final List<Layer> layers = new ArrayList<>();
        long size = -1;
        int depth;       // levels below this key once expanded
        int chain;       // longest chain of substitutions starting here
        boolean busy;

        Node(List<String> path, ConfigOrigin origin, boolean object) {
            this.path = path;
            this.origin = origin;
            this.children = object ? new LinkedHashMap<>() : null;
        }
    }

    /** One definition of a value: its own characters and bracket depth, and what it refers to. */
    private record Layer(long ownChars, int ownDepth, List<Ref> refs) {
    }

    /** A substitution: the path it names and how many brackets deep it sits in its value. */
    private record Ref(List<String> path, int depth) {
    }

    /** Walks the unresolved tree without recursion; false when it is already too deep to go on. */
    private boolean build(ConfigObject top) {
        Deque<Map.Entry<Node, ConfigObject>> todo = new ArrayDeque<>();
        todo.push(Map.entry(root, top));
        while (!todo.isEmpty()) {
            Map.Entry<Node, ConfigObject> next = todo.pop();
            Node parent = next.getKey();
            for (Map.Entry<String, ConfigValue> e : next.getValue().entrySet()) {
                List<String> path = new ArrayList<>(parent.path);
                path.add(e.getKey());
                ConfigValue v = e.getValue();
                if (path.size() > Limits.MAX_NESTING) {
                    problems.add(v.origin(), ConfigUtil.joinPath(path.subList(0, Limits.MAX_NESTING)) + "...",
                            tooDeep(path.size() + "+"));
                    return false;
                }
                ConfigObject object = plainObject(v);
                Node child = new Node(List.copyOf(path), v.origin(), object != null);
                parent.children.put(e.getKey(), child);
                if (object != null) {
                    todo.push(Map.entry(child, object));
                } else {
                    readLayers(child, v.render(ConfigRenderOptions.concise()));
                }
            }
        }
        return true;
    }

    /** The value as an object whose keys can be listed, or null (a value, or an unresolved merge). */
    private static ConfigObject plainObject(ConfigValue v) {
        if (!(v instanceof ConfigObject o)) {
            return null;
        }
        try {
            o.keySet();
            return o;
        } catch (ConfigException.NotResolved e) {
            return null;
        }
    }

    /**
     * Splits a rendered value into its definitions (an unresolved merge renders them oldest first,
     * separated by commas outside brackets) and finds each one's substitutions.
     */
    private static void readLayers(Node node, String text) {
        long own = 0;
        int depth = 0;
        int deepest = 0;
        List<Ref> refs = new ArrayList<>();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                int end = endOfString(text, i);
                own += end - i;
                i = end - 1;
            } else if (c == '$' && i + 1 < n && text.charAt(i + 1) == '{') {
                int end = endOfSubstitution(text, i);
                String expr = text.substring(i + 2, Math.max(i + 2, end - 1)).strip();
                if (expr.startsWith("?")) {
                    expr = expr.substring(1).strip();
                }
                try {
                    refs.add(new Ref(ConfigUtil.splitPath(expr), depth));
                } catch (ConfigException e) {
                    own += end - i; // not a path the resolver could follow either
                }
                i = end - 1;
            } else if (c == ',' && depth == 0) {
                node.layers.add(new Layer(own, deepest, List.copyOf(refs)));
                own = 0;
                deepest = 0;
                refs.clear();
            } else {
                own++;
                if (c == '{' || c == '[') {
                    deepest = Math.max(deepest, ++depth);
                } else if ((c == '}' || c == ']') && depth > 0) {
                    depth--;
                }
            }
        }
        node.layers.add(new Layer(own, deepest, List.copyOf(refs)));
    }

    // ---- the estimate -----------------------------------------------------------------------

    /** Thrown to stop the estimate once a chain is too long: going on would recurse as deep as the resolver. */
    private static final class ChainTooLong extends RuntimeException {
        final transient Node node;

        ChainTooLong(Node node) {
            super(null, null, false, false);
            this.node = node;
        }
    }

    private void compute(Node n, int hops) {
        if (n.size >= 0 || n.busy) {
            return;
        }
        if (hops > Limits.MAX_SUBSTITUTION_CHAIN) {
            throw new ChainTooLong(n);
        }
        n.busy = true;
        if (n.children != null) {
            long size = 2;
            int depth = 0;
            int chain = 0;
            for (Map.Entry<String, Node> e : n.children.entrySet()) {
                Node c = e.getValue();
                compute(c, hops);
                size = add(size, add(Math.max(0, c.size), e.getKey().length() + 2));
                depth = Math.max(depth, c.depth);
                chain = Math.max(chain, c.chain);
            }
            n.size = size;
            n.depth = depth + 1;
            n.chain = chain;
        } else {
            long merged = 0;
            int depth = 0;
            int chain = 0;
            for (Layer layer : n.layers) {
                long size = layer.ownChars();
                int layerDepth = layer.ownDepth();
                int selfRefs = 0;
                for (Ref ref : layer.refs()) {
                    if (startsWith(ref.path(), n.path)) {
                        // Its own earlier definition (a = ${a}${a}, or +=): the layers below this one.
                        selfRefs++;
                        size = add(size, merged);
                        layerDepth = Math.max(layerDepth, ref.depth() + depth);
                        continue;
                    }
                    if (startsWith(n.path, ref.path())) {
                        continue; // refers to an object that contains it: a cycle the resolver reports
                    }
                    Node target = find(ref.path());
                    if (target == null || target.busy) {
                        continue; // missing (the resolver says so) or a cycle
                    }
                    compute(target, hops + 1);
                    size = add(size, target.size);
                    layerDepth = Math.max(layerDepth, ref.depth() + target.depth);
                    chain = Math.max(chain, target.chain + 1);
                }
                merged = selfRefs > 0 ? size : add(size, merged);
                depth = Math.max(depth, layerDepth);
            }
            n.size = merged;
            n.depth = depth;
            n.chain = chain;
        }
        n.busy = false;
        if (n.chain > Limits.MAX_SUBSTITUTION_CHAIN && longest == null) {
            longest = n;
        }
    }

    /** The node at {@code path}, or the unresolved value it lies inside, or null when there is none. */
    private Node find(List<String> path) {
        Node at = root;
        for (String key : path) {
            if (at.children == null) {
                return at;
            }
            at = at.children.get(key);
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    private void report() {
        if (longest != null) {
            problems.add(longest.origin, ConfigUtil.joinPath(longest.path),
                    "substitutions refer to substitutions more than " + Limits.MAX_SUBSTITUTION_CHAIN
                            + " deep from here; refer to the value itself instead of a chain");
            return; // the other estimates stopped with the chain
        }
        Node deepest = null;
        Node biggest = null;
        Deque<Node> todo = new ArrayDeque<>(root.children.values());
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (n.path.size() + n.depth > Limits.MAX_NESTING
                    && (deepest == null || n.path.size() + n.depth > deepest.path.size() + deepest.depth)) {
                deepest = n;
            }
            // The smallest value past the limit is where repeated substitution crossed it.
            if (n.children == null && n.size > Limits.MAX_EXPANDED_CHARS && (biggest == null || n.size < biggest.size)) {
                biggest = n;
            }
            if (n.children != null) {
                todo.addAll(n.children.values());
            }
        }
        if (deepest != null) {
            problems.add(deepest.origin, ConfigUtil.joinPath(deepest.path),
                    tooDeep(String.valueOf(deepest.path.size() + deepest.depth)) + " once its substitutions are expanded");
        }
        if (root.size > Limits.MAX_EXPANDED_CHARS) {
            String size = root.size >= CAP ? "far more than" : String.format(Locale.ROOT, "about %,d characters,", root.size);
            String message = "the scenario would expand to " + size + " above the limit of "
                    + String.format(Locale.ROOT, "%,d", Limits.MAX_EXPANDED_CHARS)
                    + " characters: substitutions that repeat other substitutions multiply their size";
            if (biggest != null) {
                problems.add(biggest.origin, ConfigUtil.joinPath(biggest.path), message);
            } else {
                problems.add(root.children.isEmpty() ? null : root.children.values().iterator().next().origin, "", message);
            }
        }
    }

    private static String tooDeep(String levels) {
        return "nested " + levels + " levels deep (objects, lists and dotted keys); at most " + Limits.MAX_NESTING;
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    private static long add(long a, long b) {
        long s = a + b;
        return s < 0 || s > CAP ? CAP : s;
    }

    private static int endOfString(String text, int start) {
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        return text.length();
    }

    private static int endOfSubstitution(String text, int start) {
        for (int i = start + 2; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = endOfString(text, i) - 1;
            } else if (c == '}') {
                return i + 1;
            }
        }
        return text.length();
    }
}
