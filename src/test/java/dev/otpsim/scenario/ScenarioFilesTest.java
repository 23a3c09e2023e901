package dev.otpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import dev.otpsim.config.Limits;
import dev.otpsim.config.ScenarioException;
import dev.otpsim.config.ScenarioFiles;
import dev.otpsim.config.ScenarioProblem;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading scenario files: includes relative to the including file whatever the path given, no
 * URL or class-path includes, and bounded size, nesting and expansion — each a problem with file
 * and line, never a hang, a StackOverflowError or an OutOfMemoryError.
 */
class ScenarioFilesTest {
    @TempDir
    Path dir;

    /** The rest of a valid scenario, so each case is about its own lines. */
    private static final String REST = "people.profile { channel = sms }\nload { rate = 1, duration = 1m }\n";

    // ---- includes (issue 11, item 6) --------------------------------------------------------

    @Test
    void aBareFileNameInTheWorkingDirectoryHonoursItsIncludes() throws IOException {
        // `otpsim run solo.conf` from the folder holding it: the path has no parent folder.
        String id = UUID.randomUUID().toString().substring(0, 8);
        Path solo = Path.of("otpsim-test-solo-" + id + ".conf");
        Path policy = Path.of("otpsim-test-policy-" + id + ".conf");
        try {
            Files.writeString(policy, "seed = 99\n");
            Files.writeString(solo, "include \"" + policy + "\"\n" + REST);
            assertEquals(null, solo.getParent(), "a bare name, as typed");
            assertEquals(99, ScenarioFiles.parse(solo).getLong("seed"));
            assertEquals(99, ScenarioLoader.load(solo).seed());
        } finally {
            Files.deleteIfExists(solo);
            Files.deleteIfExists(policy);
        }
    }

    @Test
    void includesAreRelativeToTheIncludingFileForEveryKindOfPath() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("scenarios/profiles"));
        Files.writeString(sub.resolve("people.conf"), "person-profiles.calm { channel = email }\n");
        Files.writeString(sub.resolve("seed.conf"), "seed = 7\n");
        Files.writeString(dir.resolve("scenarios/s.conf"), "include \"profiles/people.conf\"\n"
                + "include file(\"profiles/seed.conf\")\n"
                + "people.profile = ${person-profiles.calm}\nload { rate = 1, duration = 1m }\n");
        Path here = Path.of("").toAbsolutePath();
        for (Path given : new Path[] {dir.resolve("scenarios/s.conf"),
            dir.resolve("scenarios/profiles/../s.conf"),
            here.relativize(dir.resolve("scenarios/s.conf").toAbsolutePath())}) {
            Config c = ScenarioFiles.parse(given);
            assertEquals("email", c.getString("people.profile.channel"), given.toString());
            assertEquals(7, c.getLong("seed"), "include file(...) is relative to the including file too: " + given);
        }
    }

    @Test
    void aMissingIncludeIsAProblemAtItsLineNotSilentlyEmpty() throws IOException {
        Path file = dir.resolve("s.conf");
        Files.writeString(file, "# a comment\ninclude \"policy.conf\"\n" + REST);
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioFiles.parse(file));
        ScenarioProblem p = e.problems().get(0);
        assertEquals(2, p.line(), p.toString());
        assertTrue(p.message().contains("no such file") && p.message().contains("policy.conf"), p.toString());
        assertTrue(!p.message().contains("Exception"), "said in words: " + p);

        Files.writeString(file, "include required(\"nope.conf\")\n" + REST);
        ScenarioProblem q = assertThrows(ScenarioException.class, () -> ScenarioFiles.parse(file)).problems().get(0);
        assertTrue(q.message().contains("no such file") && !q.message().contains("Exception"), q.toString());
    }

    @Test
    void aFileThatIncludesItselfIsAProblem() throws IOException {
        Files.writeString(dir.resolve("a.conf"), "include \"b.conf\"\n" + REST);
        Files.writeString(dir.resolve("b.conf"), "x = 1\ninclude \"a.conf\"\n");
        ScenarioProblem p = assertThrows(ScenarioException.class, () -> ScenarioFiles.parse(dir.resolve("a.conf")))
                .problems().get(0);
        assertTrue(p.file().endsWith("b.conf") && p.line() == 2 && p.message().contains("includes itself"), p.toString());
    }

    @Test
    void includesThatDoublePerLevelAreBounded() throws IOException {
        // Each level includes the next twice: 2^20 includes if followed.
        for (int i = 0; i < 20; i++) {
            Files.writeString(dir.resolve("l" + i + ".conf"),
                    "include \"l" + (i + 1) + ".conf\"\ninclude \"l" + (i + 1) + ".conf\"\n");
        }
        Files.writeString(dir.resolve("l20.conf"), "x = 1\n");
        Files.writeString(dir.resolve("s.conf"), "include \"l0.conf\"\n" + REST);
        ScenarioException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(ScenarioException.class, () -> ScenarioFiles.parse(dir.resolve("s.conf"))));
        assertTrue(e.getMessage().contains("more than " + Limits.MAX_INCLUDES + " includes"), e.getMessage());
    }

    // ---- no URL or class-path includes (item 7) ---------------------------------------------

    @Test
    void urlIncludesAreRefusedBeforeAnyConnection() throws IOException {
        // A host that accepts connections and never answers: a fetch would hang the test.
        try (ServerSocketChannel silent = ServerSocketChannel.open()) {
            silent.bind(new InetSocketAddress("127.0.0.1", 0));
            silent.configureBlocking(false);
            String url = "http://127.0.0.1:" + silent.socket().getLocalPort() + "/policy.conf";
            Path file = dir.resolve("s.conf");
            Files.writeString(file, REST + "include url(\"" + url + "\")\ninclude \"" + url + "\"\n"
                    + "include classpath(\"reference.conf\")\n");
            ScenarioException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> assertThrows(ScenarioException.class, () -> ScenarioFiles.parse(file)));
            assertEquals(3, e.problems().size(), e.getMessage());
            assertEquals(3, e.problems().get(0).line(), e.getMessage());
            assertTrue(e.problems().get(0).message().contains("refused"), e.getMessage());
            assertEquals(4, e.problems().get(1).line(), e.getMessage());
            assertTrue(e.problems().get(2).message().contains("classpath"), e.getMessage());
            assertNull(silent.accept(), "nobody connected to the URL");
        }
    }

    @Test
    void aSweepsBaseIsReadTheSameWay() throws IOException {
        try (ServerSocketChannel silent = ServerSocketChannel.open()) {
            silent.bind(new InetSocketAddress("127.0.0.1", 0));
            silent.configureBlocking(false);
            Files.writeString(dir.resolve("base.conf"), "include url(\"http://127.0.0.1:" + silent.socket().getLocalPort()
                    + "/x.conf\")\n" + REST);
            Files.writeString(dir.resolve("sweep.conf"), "base = \"base.conf\"\nvary { \"load.rate\" = [1, 2] }\n");
            ScenarioException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(
                    ScenarioException.class, () -> dev.otpsim.report.compare.Sweep.parse(dir.resolve("sweep.conf"))));
            assertTrue(e.getMessage().contains("base.conf:1") && e.getMessage().contains("refused"), e.getMessage());
            assertNull(silent.accept(), "nobody connected to the URL");
        }
    }

    // ---- size, nesting and expansion (item 8) -----------------------------------------------

    @Test
    void deeplyNestedListsAndObjectsAreAProblemNotAStackOverflow() throws IOException {
        String[] deep = {
            "x = " + "[".repeat(3000) + "]".repeat(3000),
            "x = " + "{a = ".repeat(3000) + "1" + "}".repeat(3000),
            IntStream.range(0, 3000).mapToObj(i -> "a").collect(Collectors.joining(".")) + " = 1",
        };
        for (String text : deep) {
            Path file = dir.resolve("deep.conf");
            Files.writeString(file, REST + text + "\n");
            ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioFiles.parse(file));
            assertEquals(3, e.problems().get(0).line(), e.getMessage());
            assertTrue(e.getMessage().contains("nested"), e.getMessage());
        }
    }

    @Test
    void nestingBuiltBySubstitutionsIsBoundedToo() throws IOException {
        // Each level wraps the one before: 40 levels once expanded, 1 in the text.
        String text = REST + "n0 = 1\n" + IntStream.range(1, 20)
                .mapToObj(i -> "n" + i + " = { a = { b = ${n" + (i - 1) + "} } }").collect(Collectors.joining("\n")) + "\n";
        Path file = dir.resolve("wrapped.conf");
        Files.writeString(file, text);
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioFiles.parse(file));
        assertTrue(e.getMessage().contains("nested") && e.getMessage().contains("substitutions are expanded"), e.getMessage());
    }

    @Test
    void aSubstitutionBombIsRefusedBeforeItIsExpanded() throws IOException {
        String bomb = "b0 = \"x\"\n" + IntStream.rangeClosed(1, 30)
                .mapToObj(i -> "b" + i + " = ${b" + (i - 1) + "}${b" + (i - 1) + "}").collect(Collectors.joining("\n"));
        Path file = dir.resolve("bomb.conf");
        Files.writeString(file, REST + bomb + "\n");
        ScenarioException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(ScenarioException.class, () -> ScenarioFiles.parse(file)));
        ScenarioProblem p = e.problems().get(0);
        assertTrue(p.key().matches("b\\d+") && p.message().contains("expand"), p.toString());
        assertEquals(3 + Integer.parseInt(p.key().substring(1)), p.line(), "the line of the key named: " + p);

        // The same doubling through a key's own earlier value.
        Files.writeString(file, REST + "a = [1]\n" + "a = ${a}${a}\n".repeat(40));
        ScenarioException self = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(ScenarioException.class, () -> ScenarioFiles.parse(file)));
        assertTrue(self.getMessage().contains("expand"), self.getMessage());
    }

    @Test
    void longChainsOfSubstitutionsAreAProblemNotAStackOverflow() throws IOException {
        String chain = "c0 = 1\n" + IntStream.range(1, 20_000)
                .mapToObj(i -> "c" + i + " = ${c" + (i - 1) + "}").collect(Collectors.joining("\n"));
        Path file = dir.resolve("chain.conf");
        Files.writeString(file, REST + chain + "\n");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioFiles.parse(file));
        assertTrue(e.getMessage().contains("more than " + Limits.MAX_SUBSTITUTION_CHAIN + " deep"), e.getMessage());
        assertTrue(e.problems().get(0).line() > 3, e.getMessage());
    }

    @Test
    void ordinarySubstitutionsAndAppendsStillWork() throws IOException {
        Path file = dir.resolve("fine.conf");
        Files.writeString(file, REST + "p { a = 1, b = [1, 2] }\nq = ${p} { c = 3 }\nl = [0]\n"
                + "l += 1\n".repeat(30) + "s = ${p.a}\"-\"${p.a}\n");
        Config c = ScenarioFiles.parse(file);
        assertEquals(3, c.getInt("q.c"));
        assertEquals(31, c.getList("l").size());
        assertEquals("1-1", c.getString("s"));
    }

    @Test
    void aFileLargerThanTheLimitIsAProblem() throws IOException {
        Path file = dir.resolve("big.conf");
        Files.writeString(file, REST + "# " + "x".repeat((int) Limits.MAX_SCENARIO_BYTES) + "\n");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioFiles.parse(file));
        assertTrue(e.getMessage().contains("bytes"), e.getMessage());
    }
}
