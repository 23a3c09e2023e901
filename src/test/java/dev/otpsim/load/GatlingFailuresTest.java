package dev.otpsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.otpsim.run.TargetTraffic;
import dev.otpsim.target.ReferenceProtocol;
import dev.otpsim.target.TargetProtocol;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gatling reports a failed request only to its log, in its stats processor, at debug level: that
 * report reaches TargetTraffic while a run listens, and nothing is printed.
 */
class GatlingFailuresTest {
    /** The logger Gatling 3.16's DefaultStatsProcessor writes to (scala-logging names it by class). */
    private static final Logger GATLING = LoggerFactory.getLogger("io.gatling.http.engine.response.DefaultStatsProcessor");

    @Test
    void gatlingsReportOfAFailedRequestBecomesAReason() {
        TargetTraffic traffic = new TargetTraffic();
        TargetProtocol p = traffic.counting(new ReferenceProtocol("http://127.0.0.1:9000"));
        assertFalse(GATLING.isDebugEnabled(), "quiet outside a run");
        try (GatlingFailures f = GatlingFailures.attach(traffic)) {
            // Gatling decides once per JVM from this logger whether to keep every body for HTTP dumps: not here.
            assertFalse(LoggerFactory.getLogger("io.gatling.http.engine.response.HttpTracing").isDebugEnabled());
            GATLING.debug(GatlingFailures.FAILED, "send code", 7L,
                    "i.n.c.AbstractChannel$AnnotatedConnectException: Connection refused: /127.0.0.1:9000");
            GATLING.debug(GatlingFailures.FAILED, "warm-up send", 8L, "Connection refused"); // not the run's
            GATLING.debug(GatlingFailures.FAILED, "verify code", 9L, "status.find.lt(500), but actually found 502");
            GATLING.debug("a dump of the request and response, also at debug");
        }
        assertFalse(GATLING.isDebugEnabled(), "the level is restored");
        p.sendAnswer(-1, null);
        p.verifyAnswer(-1, null);
        assertEquals(Map.of("connection refused", 1L), traffic.snapshot().unanswered().get("send"));
        assertEquals(Map.of("answered 502", 1L), traffic.snapshot().unanswered().get("verify"));
    }
}
