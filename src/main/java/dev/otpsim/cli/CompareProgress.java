package dev.otpsim.cli;

import dev.otpsim.distribution.Durations;
import dev.otpsim.report.compare.Comparison;
import dev.otpsim.report.compare.VariantResult;
import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a comparison's progress: a live bar with variants done and time left on a terminal, or one
 * plain line per variant when output goes to a file or CI log (a bar's carriage returns would
 * make a mess there).
 */
final class CompareProgress implements Comparison.Progress, AutoCloseable {
    private final ProgressBar bar;
    private final PrintStream out;
    private long realMsSoFar;

    private CompareProgress(ProgressBar bar, PrintStream out) {
        this.bar = bar;
        this.out = out;
    }

    static CompareProgress start(int variants, PrintStream out) {
        if (System.console() == null) {
            out.println("running " + variants + " variants");
            return new CompareProgress(null, out);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName("variants").setInitialMax(variants)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(500).continuousUpdate().build();
        return new CompareProgress(bar, out);
    }

    @Override
    public void variantDone(int done, int total, VariantResult result, Duration took) {
        if (bar != null) {
            bar.stepTo(done);
            // Knob values only: a long variant id would squeeze the bar on an 80-column terminal.
            bar.setExtraMessage(String.join(" ", result.variant().knobs().values()));
            return;
        }
        realMsSoFar += took.toMillis();
        long left = (total - done) * realMsSoFar / done;
        out.println("variant " + done + "/" + total + " " + result.variant().id() + " done in "
                + Durations.show(took.toMillis()) + (done < total ? ", about " + Durations.show(left) + " left" : ""));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
