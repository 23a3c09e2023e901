package dev.otpsim.load;

import dev.otpsim.distribution.Durations;
import dev.otpsim.ledger.SubmissionOutcome;
import dev.otpsim.metrics.RunMetrics;
import dev.otpsim.person.JourneyOutcome;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The live console line while a run goes: simulated time, journeys, and the rates people care
 * about. On a terminal it rewrites one line; in CI logs it prints a line every few seconds.
 */
final class Progress {
    private final PrintStream out;
    private final boolean terminal = System.console() != null;
    private final long plannedMillis;
    private long lastPrintNanos;

    Progress(PrintStream out, long plannedMillis) {
        this.out = out;
        this.plannedMillis = plannedMillis;
    }

    void update(long simMillis, RunMetrics m, int running, boolean force) {
        long now = System.nanoTime();
        long every = terminal ? 250_000_000L : 5_000_000_000L;
        if (!force && now - lastPrintNanos < every) {
            return;
        }
        lastPrintNanos = now;
        long journeys = m.journeys();
        long submissions = Math.max(1, m.submissions());
        String line = String.format(Locale.ROOT,
                "sim %s/%s  journeys %d (running %d)  success %d  stale %.1f%%  locked %d  sends/journey %.2f",
                clock(simMillis), clock(plannedMillis), journeys, running, m.count(JourneyOutcome.SUCCESS),
                100.0 * m.count(SubmissionOutcome.STALE) / submissions, m.lockedJourneys(),
                journeys == 0 ? 0.0 : (double) m.sends() / journeys);
        if (terminal) {
            out.print("\r" + line + "   ");
        } else {
            out.println(line);
        }
        out.flush();
    }

    void done() {
        if (terminal) {
            out.println();
        }
    }

    private static String clock(long millis) {
        long s = Math.max(0, millis) / 1000;
        return s >= 3600 ? Durations.show(millis) : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
