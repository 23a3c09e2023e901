package dev.otpsim.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.otpsim.load.GatlingEngine;
import dev.otpsim.metrics.Estimate;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.run.RunOptions;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.scenario.ScenarioLoader;
import dev.otpsim.virtual.VirtualEngine;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One model, two engines: the Gatling engine at a time-scale low enough that the harness does not
 * lag (asserted: the run must be valid) and the virtual-time engine give the same headline figures
 * within their joint 95 % intervals — for a stale-heavy scenario and for a retry-storm scenario.
 */
@Tag("slow")
class ConsistencyTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /** Impatient people and a slow SMS day under latest-only: stale codes are common. */
    static final String STALE = """
            name = consistency-stale
            seed = 21
            time-scale = 5
            target.policy { rotation = latest-only, resend-cooldown = 10s, max-sends = 5, max-attempts = 5, code-ttl = 10m }
            carriers.sms { delay { type = exponential, mean = 15s, cap = 3m } }
            people.profile { resend-wait = 10s, patience = { type = uniform, min = 10s, max = 20s }, reaction = 2s,
                             typo-rate = 0, code-choice = newest, max-resends = 3, give-up-after = 5m }
            load { rate = 4, duration = 3m }
            """;

    /**
     * A sender capped at 3 msg/s throttled to 0.5 msg/s for 80 s: a storm that outlives it. People
     * give up after 3 minutes: with 5 the run lasted until the last locked-out person's fifth minute
     * (10 simulated minutes, 2 real at time-scale 5) for the same successes, resends and storm.
     */
    static final String STORM = """
            name = consistency-storm
            seed = 5
            time-scale = 5
            target.policy { rotation = latest-only, resend-cooldown = 15s, max-sends = 8, max-attempts = 5 }
            carriers.sms {
              delay { type = exponential, mean = 4s, cap = 1m }
              capacity { rate = 3, queue-limit = 5000, drops = [ { start = 60s, end = 140s, rate = 0.5 } ] }
            }
            people.profile { resend-wait = 15s, patience = { type = uniform, min = 15s, max = 30s }, reaction = 2s,
                             typo-rate = 0, max-resends = 5, give-up-after = 3m }
            load { rate = 1.5, duration = 5m }
            metrics { window = 10s, storm { threshold = 0.10, windows = 3, growth = 1.5, recovery = 1m } }
            """;

    @Test
    void staleCodesAndTimeToSignInAgree(@TempDir Path dir) throws Exception {
        RunSummary[] both = runBoth(dir, STALE);
        assertTrue(both[0].staleSubmissionRate() > 0.02, "a stale-heavy scenario: " + both[1].staleSubmissionRate());
        for (String f : List.of("staleSubmissionRate", "staleJourneyRate", "successRate", "sendAmplification",
                "timeToSignInMs.p50")) {
            assertAgree(f, both[0], both[1]);
        }
    }

    @Test
    void aRetryStormShowsInBothEngines(@TempDir Path dir) throws Exception {
        RunSummary[] both = runBoth(dir, STORM);
        assertFalse(both[0].retryStorms().isEmpty(), "virtual time finds the storm");
        assertFalse(both[1].retryStorms().isEmpty(), "so does the Gatling engine");
        for (String f : List.of("successRate", "sendAmplification", "retryRatio")) {
            assertAgree(f, both[0], both[1]);
        }
    }

    /** [virtual with 10 replications, Gatling once]; the Gatling run must not have lagged. */
    static RunSummary[] runBoth(Path dir, String hocon) throws Exception {
        Scenario s = ScenarioLoader.fromConfig(ConfigFactory.parseString(hocon).resolve(), Path.of("consistency.conf"));
        RunSummary virtual = new VirtualEngine(QUIET).run(s, RunOptions.defaults().withReportsDir(dir.resolve("v"))
                .quiet().withoutHtml().withReplications(10)).summary();
        RunSummary gatling = new GatlingEngine(QUIET).run(s, RunOptions.defaults().withReportsDir(dir.resolve("g"))
                .quiet().withoutHtml()).summary();
        assertTrue(gatling.valid(), "the time-scale is low enough for this machine: " + gatling.problems());
        assertEquals(virtual.journeys() / 10, gatling.journeys(), "the same load");
        return new RunSummary[] {virtual, gatling};
    }

    /** |virtual − gatling| within √(h_v² + h_g²), h the half-widths of their 95 % intervals. */
    static void assertAgree(String figure, RunSummary virtual, RunSummary gatling) {
        Estimate v = virtual.estimate(figure);
        Estimate g = gatling.estimate(figure);
        assertTrue(v.hasInterval() && g.hasInterval(), figure + " needs intervals: " + v + " " + g);
        double hv = v.width() / 2;
        double hg = g.width() / 2;
        double joint = Math.sqrt(hv * hv + hg * hg);
        assertEquals(v.value(), g.value(), joint, figure + ": virtual " + v + ", gatling " + g);
    }
}
