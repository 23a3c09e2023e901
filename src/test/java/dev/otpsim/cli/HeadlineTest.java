package dev.otpsim.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.handset.Channel;
import dev.otpsim.metrics.MetricsSpec;
import dev.otpsim.metrics.RunMetrics;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.metrics.SummaryBuilder;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's storm line: one run's count, or the mean per run over replications. */
class HeadlineTest {
    private static final SummaryBuilder.RunInfo INFO = new SummaryBuilder.RunInfo("s", "s.conf", RunSummary.VIRTUAL,
            7, Double.POSITIVE_INFINITY, EnumSet.of(Channel.SMS), false);
    private static final RunSummary.Storm STORM = new RunSummary.Storm(60_000, 30_000, 3, 0.6, 40, -1, false);

    private static SummaryBuilder.Replication run(long seed, List<RunSummary.Storm> storms) {
        RunMetrics m = new RunMetrics(MetricsSpec.defaults(), EnumSet.of(Channel.SMS));
        return new SummaryBuilder.Replication(seed, m.totals(), 60_000, storms);
    }

    @Test
    void oneRunShowsItsStormCount() {
        RunSummary s = SummaryBuilder.build(INFO, run(1, List.of(STORM)), List.of(), List.of(), List.of());
        assertTrue(Headline.lines(s).contains("retry storms 1\n"), Headline.lines(s));
    }

    @Test
    void replicationsShowTheMeanPerRunNotTheFirstRunsCount() {
        RunSummary s = SummaryBuilder.build(INFO, List.of(run(1, List.of()), run(2, List.of(STORM, STORM))),
                List.of(), List.of(), List.of());
        assertTrue(Headline.lines(s).contains("retry storms 1.00 per run ["), Headline.lines(s));
    }
}
