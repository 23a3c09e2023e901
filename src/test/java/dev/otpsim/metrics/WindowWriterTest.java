package dev.otpsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.handset.Channel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowWriterTest {

    @Test
    void windowsClosedTogetherEachKeepTheirOwnDeliveries(@TempDir Path dir) throws Exception {
        RunMetrics m = new RunMetrics(MetricsSpec.defaults(), java.util.EnumSet.of(dev.otpsim.handset.Channel.SMS));
        for (int i = 0; i < 100; i++) {
            m.delivered(Channel.SMS, 5_000, 1_000 + i, 0);      // window 0: latencies 1.0–1.1 s
            m.delivered(Channel.SMS, 15_000, 20_000 + i, 0);    // window 1: latencies 20–20.1 s
        }
        m.journeyStarted(1_000);
        m.sendAccepted(1_000, true);
        List<RunSummary.Storm> storms;
        try (WindowWriter w = new WindowWriter(m, dir, c -> 7, 0)) {
            storms = w.finish(20_000, List.of()); // both windows close in this one call
            assertEquals(2, w.windows().size());
        }
        assertTrue(storms.isEmpty());
        List<String> rows = Files.readAllLines(dir.resolve("timeseries.csv"));
        assertEquals(TimeSeriesColumns.header(), List.of(rows.get(0).split(",")));
        int p95 = TimeSeriesColumns.header().indexOf("deliveryP95Ms_sms");
        int delivered = TimeSeriesColumns.header().indexOf("delivered_sms");
        int backlog = TimeSeriesColumns.header().indexOf("backlog_sms");
        String[] w0 = rows.get(1).split(",");
        String[] w1 = rows.get(2).split(",");
        assertEquals(100, Integer.parseInt(w0[delivered]));
        assertEquals(100, Integer.parseInt(w1[delivered]));
        assertEquals(1_095, Long.parseLong(w0[p95]), 10);
        assertEquals(20_095, Long.parseLong(w1[p95]), 200);
        assertEquals("7", w1[backlog]);
        assertEquals("1", w0[TimeSeriesColumns.header().indexOf("journeysStarted")]);
        assertTrue(Files.size(dir.resolve("hdr/delivery-sms.hlog")) > 0);
    }
}
