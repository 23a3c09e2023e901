package dev.otpsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.metrics.TimeSeriesColumns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed before it wrote summary.json still gets a report (issue 11, item 11): a page marked
 * partial whose figures are rebuilt from ledger.csv, counted as the run counts them, with a note
 * of what could not be computed.
 */
class KilledRunReportTest {

    /** Five journeys, one still running when the run was killed mid-line. */
    static final String LEDGER = """
            simMs,event,address,channel,code,detail
            0,journey-start,u1,,,
            50,send-request,u1,sms,,
            100,send-answer,u1,sms,,accepted
            1000,issued,u1,sms,111111,1
            4000,delivered,u1,sms,111111,1
            6000,submission,u1,,111111,accepted
            6000,journey-end,u1,,,success
            1000,journey-start,u2,,,
            1100,send-answer,u2,sms,,accepted
            1200,issued,u2,sms,222222,2
            20000,send-answer,u2,sms,,accepted
            20100,issued,u2,sms,333333,3
            21000,delivered,u2,sms,333333,3
            25000,delivered,u2,sms,222222,2
            26000,submission,u2,,222222,stale
            27000,submission,u2,,333333,accepted
            27000,journey-end,u2,,,success
            2000,journey-start,u3,,,
            2100,send-answer,u3,sms,,accepted
            9000,submission,u3,,999999,mistyped
            9500,submission,u3,,999998,locked
            9600,send-answer,u3,sms,,locked
            40000,journey-end,u3,,,locked-out
            3000,journey-start,u4,,,
            3100,send-answer,u4,sms,,accepted
            3200,issued,u4,sms,444444,4
            3300,duplicated,u4,sms,444444,4
            8000,submission,u4,,444444,accepted (ledger=accepted target=invalid)
            8100,send-answer,u4,sms,,locked
            45000,journey-end,u4,,,abandoned
            4000,journey-start,u5,,,
            4100,send-answer,u5,sms,,accepted
            5000,lost,u5,sms,555555,loss
            5100,unknown-recipient,+19990000,sms,666666,9
            48000,submis""";

    static void writeKilledRun(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ledger.csv"), LEDGER);
        List<String> rows = new ArrayList<>(List.of(String.join(",", TimeSeriesColumns.header())));
        for (int w = 0; w < 5; w++) {
            List<String> cells = new ArrayList<>(Collections.nCopies(TimeSeriesColumns.header().size(), "0"));
            cells.set(0, String.valueOf(w * 10_000));
            cells.set(1, String.valueOf((w + 1) * 10_000));
            rows.add(String.join(",", cells));
        }
        Files.write(dir.resolve("timeseries.csv"), rows);
        Files.writeString(dir.resolve("scenario.conf"), "# scenarios/killed.conf as run (resolved)\n"
                + "name = killed\nseed = 42\ntime-scale = 60\n");
        Files.writeString(dir.resolve("run-info.json"), "{\"startedAt\":\"2026-12-01T10:00:00Z\"}");
    }

    @Test
    void aPageMarkedPartialIsBuiltFromTheLedgerWhenSummaryJsonIsMissing(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("killed-20261201-100000");
        writeKilledRun(run);
        assertEquals(0, dev.otpsim.cli.Main.execute("report", run.toString()));

        String page = Files.readString(run.resolve("index.html"));
        Map<String, String> f = TestPages.figures(page);
        assertEquals("5", f.get("journeys"), f.toString());
        assertEquals("2", f.get("outcomes.success"));
        assertEquals("6", f.get("submissionCount"));
        assertEquals(1 / 6.0, Double.parseDouble(f.get("staleSubmissionRate")), 1e-9);
        assertEquals(0.2, Double.parseDouble(f.get("staleJourneyRate")), 1e-9, "u2 of 5 journeys");
        assertEquals(0.4, Double.parseDouble(f.get("lockoutRate")), 1e-9, "u3 and u4");
        assertEquals("1", f.get("selfInflictedLockouts"), "u4: locked with no mistyped code");
        assertEquals(1.2, Double.parseDouble(f.get("sendAmplification")), 1e-9, "6 sends for 5 journeys");
        assertEquals(1 / 6.0, Double.parseDouble(f.get("retryRatio")), 1e-9, "u2's resend");
        assertEquals(26_000, Long.parseLong(f.get("timeToSignInMs.max")), 30, "u2: journey start to success (3 digits)");
        assertTrue(page.contains("summary.json is missing") && page.contains("not computed"), "says what it is");
        assertTrue(page.contains("not computed (partial run, see above)"), "no storm count where none was computed");
        assertTrue(page.contains("Run killed-20261201-100000") && page.contains("scenario <b>killed</b>"), "identity");
        assertFalse(Files.exists(run.resolve("summary.json")), "the raw files stay as the run left them");
        for (String img : TestPages.images(page)) {
            assertTrue(Files.size(run.resolve(img)) > 0, img);
        }
    }

    @Test
    void theRebuiltFiguresCountAsTheRunCounts(@TempDir Path dir) throws IOException {
        writeKilledRun(dir);
        RunDirectory run = RunDirectory.read(dir);
        var s = run.summary();
        assertEquals(Map.ofEntries(Map.entry("accepted", 3L), Map.entry("stale", 1L), Map.entry("expired", 0L),
                Map.entry("mistyped", 1L), Map.entry("code-dead", 0L), Map.entry("locked", 1L),
                Map.entry("rate-limited", 0L), Map.entry("error", 0L), Map.entry("totp-rolled-over", 0L),
                Map.entry("totp-skewed", 0L), Map.entry("totp-replayed", 0L)), s.submissions());
        assertEquals(Map.of("ledger=accepted target=invalid", 1L), s.disagreements());
        assertEquals(1, s.lostMessages().get("loss"));
        assertEquals(1, s.duplicatedMessages());
        assertEquals(1, s.unknownRecipients());
        assertEquals(3, s.deliveryLatencyMs().get("sms").count(), "two codes and one late first code");
        assertEquals(23_800, s.deliveryLatencyMs().get("sms").max(), 30, "issued 1200, visible 25000");
        assertEquals(2.0, s.messagesPerSuccess().get("all"), 1e-9, "4 messages, 2 successes");
        assertEquals(42, s.seed());
        assertEquals("scenarios/killed.conf", s.scenarioFile());
        assertTrue(s.warnings().get(0).startsWith("partial"), s.warnings().toString());
        assertTrue(s.retryStorms().isEmpty() && s.thresholds().isEmpty(), "not computed, and said so");
    }

    @Test
    void withoutSummaryOrLedgerTheAnswerStillNamesTheFile(@TempDir Path dir) throws IOException {
        writeKilledRun(dir);
        Files.delete(dir.resolve("ledger.csv"));
        ReportInputException e = org.junit.jupiter.api.Assertions.assertThrows(ReportInputException.class,
                () -> RunDirectory.read(dir));
        assertTrue(e.getMessage().contains("summary.json") && e.getMessage().contains("ledger.csv"), e.getMessage());
    }
}
