package dev.otpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Whatever a scenario file holds, {@code otpsim validate} answers 0 (valid) or 2 (a list of
 * problems) — never an uncaught error, exit 1 or 3, a stack trace, or a hang.
 *
 * <p>Each of {@link #FILES} generated files takes a shipped scenario (or sweep, or carriers file)
 * and applies one to four mutations: a value replaced by a wrong type, a huge, negative or odd
 * number or duration; a random or misspelt key; deep nesting; broken syntax; includes of every
 * kind (missing, URL, class path, itself); substitutions (missing, chained, doubling); extreme
 * load and windows. Files are written next to a copy of {@code scenarios/profiles}, so the shipped
 * includes resolve. Runs in {@code mvn verify} with the unit tests (tag {@code fuzz}; a few seconds).
 *
 * <p><b>Reproducing a failure.</b> File {@code i} is generated from its own stream, split off the
 * seed by its number, so it does not depend on the files before it. A failure names the seed and
 * the number and prints the file; rerun it alone with
 * {@code mvn -q test -Dtest=ScenarioFuzzTest -Dotpsim.fuzz.seed=S -Dotpsim.fuzz.file=I}. A new seed
 * ({@code -Dotpsim.fuzz.seed=...}) explores other files; the default is fixed, so every build
 * checks the same ones.
 */
@Tag("fuzz")
class ScenarioFuzzTest {
    /** The default seed: every build validates the same files. */
    static final long DEFAULT_SEED = 0x07b5_11c0_ffeeL;
    static final int FILES = 1000;

    private static Path dir;
    private static List<String> shipped;
    private static final Map<Integer, Integer> EXITS = new TreeMap<>();
    /**
     * One command line for every file: building picocli's model of otpsim's commands took ~85 ms
     * on a busy 2-core machine, validating a file a few; a new one per file made this test 45 s.
     */
    private static final picocli.CommandLine CLI = new picocli.CommandLine(new Main());

    @BeforeAll
    static void copyShippedScenarios() throws IOException {
        dir = Files.createTempDirectory("otpsim-fuzz");
        Files.createDirectories(dir.resolve("profiles"));
        try (Stream<Path> profiles = Files.list(Path.of("scenarios/profiles"))) {
            for (Path p : (Iterable<Path>) profiles::iterator) {
                Files.copy(p, dir.resolve("profiles").resolve(p.getFileName()));
            }
        }
        shipped = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("scenarios"))) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".conf")).sorted()::iterator) {
                Files.copy(p, dir.resolve(p.getFileName()));   // sweeps name their base by file name
                shipped.add(Files.readString(p));
            }
        }
    }

    @AfterAll
    static void removeFiles() throws IOException {
        System.out.println("scenario fuzz: seed " + seed() + ", exit codes " + EXITS);
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static long seed() {
        String s = System.getProperty("otpsim.fuzz.seed");
        return s == null || s.isBlank() ? DEFAULT_SEED : Long.decode(s.strip());
    }

    @TestFactory
    Stream<DynamicTest> validateAnswersZeroOrTwoAndNeverCrashes() {
        long seed = seed();
        String only = System.getProperty("otpsim.fuzz.file");
        IntStream numbers = only == null || only.isBlank() ? IntStream.range(0, FILES)
                : IntStream.of(Integer.parseInt(only.strip()));
        return numbers.mapToObj(i -> DynamicTest.dynamicTest("file " + i + " of seed " + seed,
                () -> validate(seed, i, generate(seed, i))));
    }

    /** File {@code i}: its own stream, the {@code i}-th split of the seed's, whatever ran before. */
    static String generate(long seed, int i) {
        SplittableRandom root = new SplittableRandom(seed);
        for (int k = 0; k < i; k++) {
            root.split();
        }
        Gen g = new Gen(root.split());
        String text = g.pick(shipped);
        int mutations = g.between(1, 4);
        for (int m = 0; m < mutations; m++) {
            text = mutation(g).apply(text);
        }
        return text;
    }

    private static void validate(long seed, int i, String text) throws IOException {
        Path file = dir.resolve("fuzz-" + i + ".conf");
        Files.writeString(file, text);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            // Generous: a file takes milliseconds; this only turns a hang (a fetch, a loop) into a failure.
            CLI.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
            CLI.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
            exit = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Main.execute(CLI, "validate", file.toString()),
                    () -> "a hang: " + reproduce(seed, i, text));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        Files.delete(file);
        synchronized (EXITS) {
            EXITS.merge(exit, 1, Integer::sum);
        }
        String stderr = err.toString(StandardCharsets.UTF_8);
        String context = "exit " + exit + ", " + reproduce(seed, i, text) + "\nstderr:\n" + stderr;
        assertTrue(exit == Main.OK || exit == Main.BAD_INPUT, context);
        assertFalse(stderr.contains("\tat ") || stderr.contains("Exception in thread"), "a stack trace: " + context);
        if (exit == Main.BAD_INPUT) {
            String first = stderr.lines().findFirst().orElse("");
            assertTrue(first.matches(".*: invalid \\(\\d+ problems?\\)"), "a list of problems: " + context);
            assertTrue(stderr.length() < 200_000, () -> "a readable answer, not a dump: " + stderr.length()
                    + " chars, " + reproduce(seed, i, text) + "\nstderr begins:\n" + stderr.substring(0, 2_000));
        } else {
            assertTrue(out.toString(StandardCharsets.UTF_8).contains(": ok"), context);
        }
    }

    private static String reproduce(long seed, int i, String text) {
        return "seed " + seed + ", file " + i + " (rerun: -Dotpsim.fuzz.seed=" + seed + " -Dotpsim.fuzz.file=" + i
                + ")\n--- file ---\n" + (text.length() > 20_000 ? text.substring(0, 20_000) + "\n[… "
                + (text.length() - 20_000) + " more characters]" : text) + "\n--- end ---";
    }

    // ---- generators -----------------------------------------------------------------------------

    /** Draws from one seeded stream; the methods are the generators' vocabulary. */
    record Gen(SplittableRandom r) {
        int between(int min, int max) {
            return r.nextInt(min, max + 1);
        }

        double where() {
            return r.nextDouble();
        }

        @SafeVarargs
        final <T> T pick(T... options) {
            return options[r.nextInt(options.length)];
        }

        <T> T pick(List<T> options) {
            return options.get(r.nextInt(options.size()));
        }

        /** One of the generators, by weight: {@code weights[k]} for {@code choices[k]}. */
        @SafeVarargs
        final <T> T weighted(int[] weights, Function<Gen, T>... choices) {
            int total = IntStream.of(weights).sum();
            int x = r.nextInt(total);
            for (int k = 0; k < weights.length; k++) {
                x -= weights[k];
                if (x < 0) {
                    return choices[k].apply(this);
                }
            }
            throw new IllegalStateException("weights " + java.util.Arrays.toString(weights));
        }

        /** A double of any magnitude and sign, edge cases included. */
        double anyDouble() {
            return switch (r.nextInt(4)) {
                case 0 -> pick(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
                        1.0, -1.0, 0.5, 1e-300);
                case 1 -> r.nextDouble(-1_000, 1_000);
                default -> (r.nextBoolean() ? 1 : -1) * r.nextDouble() * Math.pow(10, r.nextInt(-300, 300));
            };
        }

        /** A string of up to {@code max} characters from anywhere in Unicode's BMP, controls and quotes too. */
        String anyString(int max) {
            int n = r.nextInt(max + 1);
            StringBuilder b = new StringBuilder(n);
            for (int k = 0; k < n; k++) {
                char c = switch (r.nextInt(4)) {
                    case 0 -> (char) r.nextInt(0x20, 0x7f);                 // printable ASCII
                    case 1 -> pick('"', '\\', '$', '{', '}', '\n', '\t', '\u0000', '#');
                    case 2 -> (char) r.nextInt(0x80, 0xd800);               // beyond ASCII, below surrogates
                    default -> (char) r.nextInt(0, 0x20);                   // control characters
                };
                b.append(c);
            }
            return b.toString();
        }

        /** Letters, digits and {@code extra}, {@code min} to {@code max} characters. */
        String word(String extra, int min, int max) {
            String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" + extra;
            int n = between(min, max);
            StringBuilder b = new StringBuilder(n);
            for (int k = 0; k < n; k++) {
                b.append(chars.charAt(r.nextInt(chars.length())));
            }
            return b.toString();
        }
    }

    /** One change to a file's text; positions are fractions so they fit any file. */
    interface Mutation {
        String apply(String text);
    }

    private static Mutation mutation(Gen g) {
        return g.weighted(new int[] {6, 3, 2, 3, 2, 2, 2},
                x -> {
                    double w = x.where();
                    String v = value(x);
                    return text -> replaceValue(text, w, v);
                },
                x -> {
                    double w = x.where();
                    String line = key(x) + " = " + value(x);
                    return text -> insert(text, w, line);
                },
                x -> {
                    double w = x.where();
                    int depth = x.between(1, 5000);
                    String open = x.pick("[", "{a = ", "{ b { c = ");
                    return text -> nest(text, w, depth, open);
                },
                x -> {
                    double w = x.where();
                    String what = x.pick("{", "}", "[", "]", "\"", "=", "$", "${", ":", ",", "#", "\"\"\"", "\\", "+=",
                            "include", "\n", ".", "\u0000", "\u00e9");
                    int how = x.between(0, 2);
                    return text -> breakSyntax(text, w, what, how);
                },
                x -> {
                    double w = x.where();
                    String raw = include(x);
                    return text -> insert(text, w, raw);
                },
                x -> {
                    double w = x.where();
                    String raw = substitution(x);
                    return text -> insert(text, w, raw);
                },
                x -> {
                    double w = x.where();
                    String raw = extreme(x);
                    return text -> insert(text, w, raw);
                });
    }

    private static String value(Gen g) {
        return switch (g.r().nextInt(6)) {
            case 0 -> g.pick("0", "-1", "-0.5", "1e308", "-1e308", "1e400", "9223372036854775807",
                    "9223372036854775808", "-9223372036854775808", "NaN", "Infinity", "0.000000001", "1.5.5",
                    "true", "null", "\"\"", "{}", "[]", "[1, 2, 3]", "{ type = weibull }", "{ x = { y = 1 } }",
                    "\"${x}\"", "[{}]", "[[]]", "abc", "latest-only", "sms", "voice", "pigeon");
            case 1 -> g.pick("0s", "-5s", "0ms", "1ns", "1ms", "106000d", "1e30d", "10 fortnights", "5 m", "1.5h",
                    "9223372036854775807ms", "-1d", "2m", "30s", "10m");
            case 2 -> String.valueOf(g.between(-1_000_000, 1_000_000));
            case 3 -> String.valueOf(g.anyDouble());
            case 4 -> "\"" + g.anyString(30).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            default -> g.word("-_.", 1, 12);
        };
    }

    private static String key(Gen g) {
        if (g.r().nextBoolean()) {
            return g.pick("name", "seed", "time-scale", "load.rate", "load.duration", "load.ramp", "load.phases",
                    "load.poll-interval", "metrics.window", "metrics.storm.threshold", "metrics.storm.windows",
                    "people.profile.resend-wait", "people.profile.patience", "people.profile.code-choice",
                    "people.mix", "people.profile.typo-rate", "people.profile.channel", "carriers.sms.delay",
                    "carriers.sms.loss.probability", "carriers.sms.outages", "carriers.voice", "target.policy.rotation",
                    "target.policy.max-attempts", "target.external.base-url", "target.external", "gateway.port",
                    "gateway.smtp-port", "gateway.host", "gateway.code-pattern", "thresholds", "base", "vary",
                    "vary.seed", "description");
        }
        String k;
        do {
            k = g.word("-_.", 1, 20).replaceAll("[0-9]", "");
        } while (k.isEmpty() || k.startsWith(".") || k.endsWith(".") || k.contains(".."));
        return k;
    }

    private static String include(Gen g) {
        return g.pick(
                "include \"profiles/carriers.conf\"", "include \"profiles/people.conf\"", "include \"profiles/people\"",
                "include \"missing.conf\"", "include required(\"missing.conf\")", "include file(\"profiles/carriers.conf\")",
                "include url(\"http://127.0.0.1:1/x.conf\")", "include \"http://127.0.0.1:1/y.conf\"",
                "include url(\"file:///etc/hostname\")", "include classpath(\"reference.conf\")", "include \"reference.conf\"",
                "include \"/etc/hostname\"", "include \"..\"", "include \"profiles\"", "include \"quickstart.conf\"",
                "include \"compare-resend-wait.conf\"", "x { include \"profiles/people.conf\" }",
                "l = [ { include \"profiles/people.conf\" } ]");
    }

    private static String substitution(Gen g) {
        switch (g.r().nextInt(3)) {
            case 0:
                return g.pick("x = ${nope}", "x = ${?nope}", "carriers.sms = ${carrier-profiles.nope}",
                        "people.profile = ${person-profiles}", "people.profile = ${people}", "x = ${x}", "x = ${x} [1]",
                        "a = ${b}\nb = ${a}", "x = \"${not-a-substitution}\"", "x = ${\"quoted.key\"}", "x = ${",
                        "x = ${}", "load = ${load} { rate = 3 }", "load.rate = ${seed}", "seed = ${time-scale}");
            case 1: {
                int n = g.between(1, 40);   // doubling: d40 would be 2^40 characters
                StringBuilder b = new StringBuilder("d0 = \"xy\"\n");
                for (int i = 1; i <= n; i++) {
                    b.append("d").append(i).append(" = ${d").append(i - 1).append("}${d").append(i - 1).append("}\n");
                }
                return b.toString();
            }
            default: {
                int n = g.between(1, 3000); // a long chain of substitutions
                StringBuilder b = new StringBuilder("c0 = 1\n");
                for (int i = 1; i <= n; i++) {
                    b.append("c").append(i).append(" = ${c").append(i - 1).append("}\n");
                }
                return b.toString();
            }
        }
    }

    private static String extreme(Gen g) {
        String rate = g.pick("0", "0.000001", "1", "1000", "1000000", "1e6", "-1", "1e300");
        String duration = g.pick("1ms", "1s", "5m", "1d", "106000d", "1e15ms", "0s");
        String window = g.pick("1ms", "1s", "10s", "1d", "0s", "-1s");
        return "load { rate = " + rate + ", duration = " + duration + " }\nmetrics.window = " + window;
    }

    // ---- mutations ------------------------------------------------------------------------------

    /** Replaces the value of a {@code key = value} line (the {@code where}-th of them). */
    private static String replaceValue(String text, double where, String value) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        List<Integer> withValues = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("=") && !lines.get(i).strip().startsWith("#")) {
                withValues.add(i);
            }
        }
        if (withValues.isEmpty()) {
            return insert(text, where, "x = " + value);
        }
        int i = withValues.get(pick(where, withValues.size()));
        String line = lines.get(i);
        lines.set(i, line.substring(0, line.indexOf('=') + 1) + " " + value);
        return String.join("\n", lines) + "\n";
    }

    /** Inserts {@code raw} as lines before the {@code where}-th line. */
    private static String insert(String text, double where, String raw) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        lines.add(pick(where, lines.size() + 1), raw);
        return String.join("\n", lines) + "\n";
    }

    /** A value nested {@code depth} levels deep, closed or (when the depth is odd) left open. */
    private static String nest(String text, double where, int depth, String open) {
        String close = open.startsWith("[") ? "]" : "}".repeat((int) open.chars().filter(c -> c == '{').count());
        String tail = depth % 2 == 0 ? close.repeat(depth) : close.repeat(depth / 2);
        return insert(text, where, "deep = " + open.repeat(depth) + (open.startsWith("[") ? "" : "1") + tail);
    }

    /** Inserts, replaces or deletes one character or token at {@code where} in the text. */
    private static String breakSyntax(String text, double where, String what, int how) {
        int at = pick(where, text.length() + 1);
        return switch (how) {
            case 0 -> text.substring(0, at) + what + text.substring(at);
            case 1 -> at < text.length() ? text.substring(0, at) + what + text.substring(at + 1) : text + what;
            default -> at < text.length() ? text.substring(0, at) + text.substring(Math.min(text.length(), at + what.length())) : text.substring(0, at);
        };
    }

    private static int pick(double where, int n) {
        return Math.min(n - 1, (int) (where * n));
    }
}
