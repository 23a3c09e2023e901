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
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property: whatever a scenario file holds, {@code otpsim validate} answers 0 (valid) or 2 (a list
 * of problems) — never an uncaught error, exit 1 or 3, a stack trace, or a hang.
 *
 * <p>Each try takes a shipped scenario (or sweep, or carriers file) and applies one to four
 * mutations: a value replaced by a wrong type, a huge, negative or odd number or duration; a
 * random or misspelt key; deep nesting; broken syntax; includes of every kind (missing, URL,
 * class path, itself); substitutions (missing, chained, doubling); extreme load and windows.
 * Files are written next to a copy of {@code scenarios/profiles}, so the shipped includes resolve.
 * Runs in {@code mvn verify} with the unit tests (tag {@code fuzz}; 1,000 tries, a few seconds).
 */
@Tag("fuzz")
class ScenarioFuzzTest {
    private static Path dir;
    private static List<String> seeds;
    private static final AtomicInteger FILES = new AtomicInteger();
    private static final Map<Integer, Integer> EXITS = new TreeMap<>();

    @BeforeContainer
    static void copyShippedScenarios() throws IOException {
        dir = Files.createTempDirectory("otpsim-fuzz");
        Files.createDirectories(dir.resolve("profiles"));
        try (Stream<Path> profiles = Files.list(Path.of("scenarios/profiles"))) {
            for (Path p : (Iterable<Path>) profiles::iterator) {
                Files.copy(p, dir.resolve("profiles").resolve(p.getFileName()));
            }
        }
        seeds = new ArrayList<>();
        try (Stream<Path> shipped = Files.list(Path.of("scenarios"))) {
            for (Path p : (Iterable<Path>) shipped.filter(f -> f.toString().endsWith(".conf")).sorted()::iterator) {
                Files.copy(p, dir.resolve(p.getFileName()));   // sweeps name their base by file name
                seeds.add(Files.readString(p));
            }
        }
    }

    @AfterContainer
    static void removeFiles() throws IOException {
        System.out.println("scenario fuzz: " + FILES.get() + " files validated, exit codes " + EXITS);
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 1000)
    void validateAnswersZeroOrTwoAndNeverCrashes(@ForAll("scenarioFiles") String text) throws IOException {
        Path file = dir.resolve("fuzz-" + FILES.incrementAndGet() + ".conf");
        Files.writeString(file, text);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            // Generous: a try takes milliseconds; this only turns a hang (a fetch, a loop) into a failure.
            exit = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Main.execute("validate", file.toString()));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        Files.delete(file);
        EXITS.merge(exit, 1, Integer::sum);
        String stderr = err.toString(StandardCharsets.UTF_8);
        String context = "exit " + exit + " for\n" + text + "\nstderr:\n" + stderr;
        assertTrue(exit == Main.OK || exit == Main.BAD_INPUT, context);
        assertFalse(stderr.contains("\tat ") || stderr.contains("Exception in thread"), "a stack trace: " + context);
        if (exit == Main.BAD_INPUT) {
            String first = stderr.lines().findFirst().orElse("");
            assertTrue(first.matches(".*: invalid \\(\\d+ problems?\\)"), "a list of problems: " + context);
            assertTrue(stderr.length() < 200_000, "a readable answer, not a dump: " + stderr.length() + " chars");
        } else {
            assertTrue(out.toString(StandardCharsets.UTF_8).contains(": ok"), context);
        }
    }

    // ---- generators -----------------------------------------------------------------------------

    @Provide
    Arbitrary<String> scenarioFiles() {
        Arbitrary<String> seed = Arbitraries.of(seeds);
        Arbitrary<List<Mutation>> mutations = mutation().list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(seed, mutations).as((s, ms) -> {
            String text = s;
            for (Mutation m : ms) {
                text = m.apply(text);
            }
            return text;
        });
    }

    /** One change to a file's text; positions are fractions so they fit any file. */
    interface Mutation {
        String apply(String text);
    }

    private static Arbitrary<Mutation> mutation() {
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        return Arbitraries.frequencyOf(
                Tuple.of(6, Combinators.combine(where, value()).as((w, v) -> text -> replaceValue(text, w, v))),
                Tuple.of(3, Combinators.combine(where, key(), value()).as((w, k, v) -> text -> insert(text, w, k + " = " + v))),
                Tuple.of(2, Combinators.combine(where, Arbitraries.integers().between(1, 5000),
                        Arbitraries.of("[", "{a = ", "{ b { c = ")).as((w, depth, open) -> text -> nest(text, w, depth, open))),
                Tuple.of(3, Combinators.combine(where, Arbitraries.of("{", "}", "[", "]", "\"", "=", "$", "${", ":", ",",
                        "#", "\"\"\"", "\\", "+=", "include", "\n", ".", "\u0000", "\u00e9"),
                        Arbitraries.integers().between(0, 2)).as((w, what, how) -> text -> breakSyntax(text, w, what, how))),
                Tuple.of(2, Combinators.combine(where, include()).as((w, raw) -> text -> insert(text, w, raw))),
                Tuple.of(2, Combinators.combine(where, substitution()).as((w, raw) -> text -> insert(text, w, raw))),
                Tuple.of(2, Combinators.combine(where, extreme()).as((w, raw) -> text -> insert(text, w, raw))));
    }

    private static Arbitrary<String> value() {
        return Arbitraries.oneOf(
                Arbitraries.of("0", "-1", "-0.5", "1e308", "-1e308", "1e400", "9223372036854775807",
                        "9223372036854775808", "-9223372036854775808", "NaN", "Infinity", "0.000000001", "1.5.5",
                        "true", "null", "\"\"", "{}", "[]", "[1, 2, 3]", "{ type = weibull }", "{ x = { y = 1 } }",
                        "\"${x}\"", "[{}]", "[[]]", "abc", "latest-only", "sms", "voice", "pigeon"),
                Arbitraries.of("0s", "-5s", "0ms", "1ns", "1ms", "106000d", "1e30d", "10 fortnights", "5 m", "1.5h",
                        "9223372036854775807ms", "-1d", "2m", "30s", "10m"),
                Arbitraries.integers().between(-1_000_000, 1_000_000).map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.strings().ofMaxLength(30).map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
                Arbitraries.strings().alpha().numeric().withChars("-_.").ofMinLength(1).ofMaxLength(12));
    }

    private static Arbitrary<String> key() {
        return Arbitraries.oneOf(
                Arbitraries.of("name", "seed", "time-scale", "load.rate", "load.duration", "load.ramp", "load.phases",
                        "load.poll-interval", "metrics.window", "metrics.storm.threshold", "metrics.storm.windows",
                        "people.profile.resend-wait", "people.profile.patience", "people.profile.code-choice",
                        "people.mix", "people.profile.typo-rate", "people.profile.channel", "carriers.sms.delay",
                        "carriers.sms.loss.probability", "carriers.sms.outages", "carriers.voice", "target.policy.rotation",
                        "target.policy.max-attempts", "target.external.base-url", "target.external", "gateway.port",
                        "gateway.smtp-port", "gateway.host", "gateway.code-pattern", "thresholds", "base", "vary",
                        "vary.seed", "description"),
                Arbitraries.strings().alpha().withChars("-_.").ofMinLength(1).ofMaxLength(20)
                        .filter(k -> !k.startsWith(".") && !k.endsWith(".") && !k.contains("..")));
    }

    private static Arbitrary<String> include() {
        return Arbitraries.of(
                "include \"profiles/carriers.conf\"", "include \"profiles/people.conf\"", "include \"profiles/people\"",
                "include \"missing.conf\"", "include required(\"missing.conf\")", "include file(\"profiles/carriers.conf\")",
                "include url(\"http://127.0.0.1:1/x.conf\")", "include \"http://127.0.0.1:1/y.conf\"",
                "include url(\"file:///etc/hostname\")", "include classpath(\"reference.conf\")", "include \"reference.conf\"",
                "include \"/etc/hostname\"", "include \"..\"", "include \"profiles\"", "include \"quickstart.conf\"",
                "include \"compare-resend-wait.conf\"", "x { include \"profiles/people.conf\" }",
                "l = [ { include \"profiles/people.conf\" } ]");
    }

    private static Arbitrary<String> substitution() {
        return Arbitraries.oneOf(
                Arbitraries.of("x = ${nope}", "x = ${?nope}", "carriers.sms = ${carrier-profiles.nope}",
                        "people.profile = ${person-profiles}", "people.profile = ${people}", "x = ${x}", "x = ${x} [1]",
                        "a = ${b}\nb = ${a}", "x = \"${not-a-substitution}\"", "x = ${\"quoted.key\"}", "x = ${",
                        "x = ${}", "load = ${load} { rate = 3 }", "load.rate = ${seed}", "seed = ${time-scale}"),
                Arbitraries.integers().between(1, 40).map(n -> {
                    StringBuilder b = new StringBuilder("d0 = \"xy\"\n");
                    for (int i = 1; i <= n; i++) {
                        b.append("d").append(i).append(" = ${d").append(i - 1).append("}${d").append(i - 1).append("}\n");
                    }
                    return b.toString();
                }),
                Arbitraries.integers().between(1, 3000).map(n -> {
                    StringBuilder b = new StringBuilder("c0 = 1\n");
                    for (int i = 1; i <= n; i++) {
                        b.append("c").append(i).append(" = ${c").append(i - 1).append("}\n");
                    }
                    return b.toString();
                }));
    }

    private static Arbitrary<String> extreme() {
        Arbitrary<String> rate = Arbitraries.of("0", "0.000001", "1", "1000", "1000000", "1e6", "-1", "1e300");
        Arbitrary<String> duration = Arbitraries.of("1ms", "1s", "5m", "1d", "106000d", "1e15ms", "0s");
        Arbitrary<String> window = Arbitraries.of("1ms", "1s", "10s", "1d", "0s", "-1s");
        return Combinators.combine(rate, duration, window).as((r, d, w) ->
                "load { rate = " + r + ", duration = " + d + " }\nmetrics.window = " + w);
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
