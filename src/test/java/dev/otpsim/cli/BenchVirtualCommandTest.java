package dev.otpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.bench.VirtualBenchConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code otpsim bench --virtual}: its options, and a tiny run through the command — never how fast anything is. */
class BenchVirtualCommandTest {

    private static VirtualBenchConfig parse(String... args) {
        BenchCommand c = new BenchCommand();
        new CommandLine(c).parseArgs(args);
        return c.virtualConfig();
    }

    private record Ran(int exit, String out, String err) {
    }

    private static Ran execute(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.execute(args);
            return new Ran(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void theDefaultsAreTheIssuesGoals() {
        VirtualBenchConfig d = parse("--virtual");
        assertEquals(VirtualBenchConfig.DEFAULTS, d);
        assertEquals("scenarios/quickstart.conf", d.scenario());
        assertEquals(20, d.compareReplications());
        assertEquals(100_000, d.compareJourneys());
        assertEquals("scenarios/compare-resend-wait.conf", d.sweep());
    }

    @Test
    void optionsOverrideTheirPartOnly() {
        VirtualBenchConfig c = parse("--virtual", "--virtual-journeys", "5000", "--virtual-runs", "2",
                "--compare-runs", "0", "--compare-journeys", "2000");
        assertEquals(5_000, c.journeys());
        assertEquals(2, c.runs());
        assertEquals(0, c.compareRuns());
        assertEquals(2_000, c.compareJourneys());
        assertEquals(VirtualBenchConfig.DEFAULTS.warmups(), c.warmups());
    }

    @Test
    void badValuesAndMixedBenchesAreBadInput() {
        assertThrows(IllegalArgumentException.class, () -> parse("--virtual", "--virtual-journeys", "10"));
        assertThrows(IllegalArgumentException.class, () -> parse("--virtual", "--compare-replications", "0"));
        assertThrows(IllegalArgumentException.class, () -> parse("--virtual", "--compare-replications", "1000",
                "--compare-journeys", "100000"), "200 M journeys a variant");
        Ran mixed = execute("bench", "--virtual", "--rates", "100");
        assertEquals(Main.BAD_INPUT, mixed.exit());
        assertTrue(mixed.err().contains("--rates measure the Gatling harness, not --virtual"), mixed.err());
        Ran orphan = execute("bench", "--compare-runs", "1");
        assertEquals(Main.BAD_INPUT, orphan.exit());
        assertTrue(orphan.err().contains("--compare-runs only apply with --virtual"), orphan.err());
        Ran missing = execute("bench", "--virtual", "--compare-sweep", "no/such.conf");
        assertEquals(Main.BAD_INPUT, missing.exit());
        assertTrue(missing.err().contains("no such file: no/such.conf"), missing.err());
    }

    @Test
    void aSmallRunMeasuresEveryPartAndJudgesNoGoalItDidNotMeasureAtItsSize(@TempDir Path out) throws Exception {
        Ran r = execute("bench", "--virtual", "--out", out.toString(), "--virtual-journeys", "3000",
                "--virtual-warmups", "1", "--virtual-runs", "2", "--virtual-memory-journeys", "3000",
                "--virtual-memory-runs", "1", "--compare-replications", "2", "--compare-journeys", "300",
                "--compare-runs", "1");
        assertEquals(Main.OK, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("journeys per thread-CPU second"), r.out());
        assertTrue(r.out().contains("bytes allocated per journey"), r.out());
        assertTrue(r.out().contains("bytes retained per journey done"), r.out());
        assertTrue(r.out().contains("8 variants × 2 replications"), r.out());
        // A 3,000-journey run and 300-journey replications are not the goals' sizes: reported, never judged.
        assertTrue(r.out().lines().anyMatch(l -> l.contains("≥ 300,000 journeys/s per core") && l.contains("n/a")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("compare-resend-wait 20 × 100,000") && l.contains("n/a")), r.out());
        Path json;
        try (Stream<Path> files = Files.walk(out)) {
            json = files.filter(p -> p.getFileName().toString().equals("virtual-bench.json")).findFirst().orElseThrow();
        }
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertEquals(2, tree.get("runs").size());
        assertEquals(1, tree.get("warmups").size());
        assertEquals(2, tree.get("perCpuSecond").get("values").size());
        assertTrue(tree.get("perCpuSecond").get("median").asDouble() > 0);
        assertEquals(1, tree.get("compare").size());
        long journeys = tree.get("compare").get(0).get("journeys").asLong();
        assertEquals(8 * 2 * 300, journeys, 8 * 2 * 5, "journeys run, from the variants' summaries");
        assertTrue(Files.isRegularFile(json.getParent().resolve("compare-1").resolve("compare.json")));
        assertEquals(2, tree.get("loadAverage").size());
    }
}
