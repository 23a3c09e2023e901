package dev.otpsim.report.compare;

import dev.otpsim.metrics.RunSummary;
import dev.otpsim.report.ChartStyle;
import dev.otpsim.report.Html;
import dev.otpsim.report.RunReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The HTML of a comparison. Figure cells carry {@code data-variant}, {@code data-key} and the
 * exact {@code data-value}, so the page can be checked against each variant's summary.
 */
final class ComparePage {
    private final Path dir;
    private final Optional<Sweep> sweep;
    private final List<Knob> knobs;
    private final List<VariantResult> results;
    private final Map<HeadlineFigure, Set<Integer>> best;
    private final List<Path> charts;
    private final StringBuilder b = new StringBuilder(24_000);

    ComparePage(Path dir, Optional<Sweep> sweep, List<Knob> knobs, List<VariantResult> results, Map<HeadlineFigure, Set<Integer>> best, List<Path> charts) {
        this.dir = dir;
        this.sweep = sweep;
        this.knobs = knobs;
        this.results = results;
        this.best = best;
        this.charts = charts;
    }

    String render() {
        String id = dir.getFileName().toString();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>otpsim comparison ")
                .append(Html.esc(id)).append("</title>\n<style>").append(Html.STYLE).append("</style></head><body>\n");
        b.append("<h1>Comparison ").append(Html.esc(id)).append("</h1>\n<p class=\"sub\">")
                .append(results.size()).append(" variants of one scenario, same seeds (")
                .append(Html.esc(seeds())).append(") and load; varied: ");
        for (int i = 0; i < knobs.size(); i++) {
            Knob k = knobs.get(i);
            b.append(i == 0 ? "" : " × ").append("<code>").append(Html.esc(k.path())).append("</code> = ")
                    .append(Html.esc(String.join(", ", k.values().stream().map(Knob::text).toList())));
        }
        b.append("</p>\n");
        sweep.ifPresent(sw -> {
            if (!sw.description().isBlank()) {
                b.append("<p>").append(Html.esc(sw.description())).append("</p>\n");
            }
            b.append("<p class=\"note\">sweep <code>").append(Html.esc(sw.file())).append("</code> · base scenario <code>")
                    .append(Html.esc(sw.baseFile())).append("</code></p>\n");
        });
        invalid();
        decision();
        b.append("<h2>Every figure</h2>\n<p class=\"note\">How to read it: each row is one variant; ★ marks the best value of a column "
                + "among the variants whose figures are a result (lowest for rates, times, amplification and messages; highest "
                + "for success and goodput; no mark when all tie). Under each value, its 95 % interval. "
                + "The charts put each figure against <code>").append(Html.esc(knobs.get(0).label())).append("</code>")
                .append(knobs.size() > 1 ? ", one line per value of <code>" + Html.esc(knobs.get(1).label()) + "</code>" : "")
                .append(", with the 95 % interval as error bars. Durations are simulated time. Open a variant's run for its own charts.</p>\n");
        table();
        b.append("<h2>Charts</h2>\n");
        if (charts.isEmpty()) {
            b.append("<p class=\"note\">More than ").append(Sweep.CHARTED_KNOBS)
                    .append(" knobs vary, so a chart point would stand for several variants: compare them in the table.</p>\n");
        }
        for (Path c : charts) {
            b.append("<figure><img src=\"").append(Html.href(c)).append("\" width=\"").append(ChartStyle.WIDTH)
                    .append("\" height=\"").append(ChartStyle.HEIGHT).append("\" alt=\"").append(Html.esc(c.getFileName()))
                    .append("\"></figure>\n");
        }
        b.append("<h2>Figures</h2>\n<table><tr><th>figure</th><th>how it is counted</th><th>better</th></tr>\n");
        for (HeadlineFigure f : HeadlineFigure.values()) {
            b.append("<tr><td>").append(Html.esc(f.label())).append("</td><td>").append(Html.esc(f.meaning()))
                    .append("</td><td>").append(f.better() == HeadlineFigure.Better.LOWER ? "lower" : "higher").append("</td></tr>\n");
        }
        b.append("</table>\n<p class=\"note\">Machine-readable: <a href=\"").append(CompareReport.JSON).append("\">")
                .append(CompareReport.JSON).append("</a>.</p>\n</body></html>\n");
        return b.toString();
    }

    /** Variants whose figures are not a result, named before any figure. */
    private void invalid() {
        for (VariantResult r : results) {
            for (var p : r.summary().problems()) {
                b.append("<div class=\"warn invalid\" data-invalid=\"").append(Html.esc(r.variant().id()))
                        .append("\"><b>Variant ").append(Html.esc(r.variant().id()))
                        .append(" is not a result</b> (").append(Html.esc(p.kind().id())).append("): ")
                        .append(Html.esc(p.message())).append(" It is left out of ★ and of the decision.</div>\n");
            }
        }
    }

    /**
     * The decision view: short variant ids, the varied knobs, and the figures a product team
     * decides on, each with its 95 % interval and its paired difference to the baseline.
     */
    private void decision() {
        VariantResult baseline = results.get(0);
        var summary = baseline.summary();
        List<DecisionView.Column> cols = DecisionView.columns(sweep.map(Sweep::costs).orElse(null), results);
        b.append("<h2>Decision</h2>\n<p class=\"note\">").append(summary.replications())
                .append(summary.replications() == 1 ? " replication" : " replications")
                .append(" per variant (").append(Html.esc(summary.engine())).append(" engine")
                .append(RunSummary.VIRTUAL.equals(summary.engine())
                        ? ": virtual time, exact and the same on any machine" : "")
                .append("), every variant with the same seeds, so the same people meet the same carrier luck. ")
                .append("Each cell: the value, its 95 % interval [low – high], and below it the difference to the baseline ")
                .append("variant <b>").append(Html.esc(CompareReport.shortId(0))).append("</b> with its interval — ")
                .append("<span class=\"noise\">≈ within noise</span> when that interval holds zero.")
                .append(sweep.map(Sweep::costs).isEmpty() ? " Add <code>costs { currency = USD, sms = 0.0079, voice = 0.013 }</code> "
                        + "to the sweep to see what 1,000 sign-ins cost." : "")
                .append("</p>\n<div class=\"wide\"><table class=\"decision\"><tr><th>variant</th>");
        for (Knob k : knobs) {
            b.append("<th>").append(Html.esc(k.label())).append("</th>");
        }
        for (DecisionView.Column c : cols) {
            b.append("<th title=\"").append(Html.esc(c.meaning())).append("\">").append(Html.esc(c.label()))
                    .append(c.lowerIsBetter() ? " ↓" : " ↑").append("</th>");
        }
        b.append("</tr>\n");
        for (int i = 0; i < results.size(); i++) {
            VariantResult r = results.get(i);
            b.append("<tr data-decision=\"").append(Html.esc(r.variant().id())).append("\"")
                    .append(r.valid() ? "" : " class=\"invalid\"").append("><td><a href=\"")
                    .append(CompareReport.href(dir, r.runDir().resolve(RunReport.INDEX))).append("\" title=\"")
                    .append(Html.esc(r.variant().id())).append("\">").append(CompareReport.shortId(i)).append("</a>")
                    .append(i == 0 ? " <span class=\"note\">baseline</span>" : "")
                    .append(r.valid() ? "" : " <b>invalid</b>").append("</td>");
            for (Knob k : knobs) {
                b.append("<td>").append(Html.esc(r.variant().knobs().get(k.path()))).append("</td>");
            }
            for (DecisionView.Column c : cols) {
                DecisionView.Cell cell = c.cell(r, baseline);
                var e = cell.estimate();
                b.append("<td class=\"num\" data-key=\"").append(c.key()).append("\" data-value=\"")
                        .append(Double.isNaN(e.value()) ? "" : Double.toString(e.value())).append("\">")
                        .append(Html.esc(c.show(e.value())));
                b.append("<br><small>").append(e.hasInterval() ? "[" + Html.esc(c.show(e.low())) + " – "
                        + Html.esc(c.show(e.high())) + "]" : "no interval (one replication)").append("</small>");
                PairedDifference d = cell.difference();
                if (d != null) {
                    boolean noise = d.withinNoise();
                    b.append("<br><small class=\"").append(noise ? "noise" : "diff").append("\" data-within-noise=\"")
                            .append(noise).append("\">");
                    if (!d.hasInterval()) {
                        b.append(Html.esc(c.showDifference(d.mean()))).append(" (no interval)");
                    } else if (noise) {
                        b.append("≈ ").append(Html.esc(c.showDifference(d.mean()))).append(" [")
                                .append(Html.esc(c.showDifference(d.low()))).append(", ")
                                .append(Html.esc(c.showDifference(d.high()))).append("]");
                    } else {
                        b.append(Html.esc(c.showDifference(d.mean()))).append(" [")
                                .append(Html.esc(c.showDifference(d.low()))).append(", ")
                                .append(Html.esc(c.showDifference(d.high()))).append("]");
                    }
                    b.append("</small>");
                }
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table></div>\n");
    }

    private void table() {
        b.append("<div class=\"wide\"><table class=\"compare\"><tr><th>variant</th>");
        for (Knob k : knobs) {
            b.append("<th>").append(Html.esc(k.label())).append("</th>");
        }
        for (HeadlineFigure f : HeadlineFigure.values()) {
            b.append("<th title=\"").append(Html.esc(f.meaning())).append("\">").append(Html.esc(f.label()))
                    .append(f.better() == HeadlineFigure.Better.LOWER ? " ↓" : " ↑").append("</th>");
        }
        b.append("</tr>\n");
        for (int i = 0; i < results.size(); i++) {
            VariantResult r = results.get(i);
            b.append("<tr data-variant=\"").append(Html.esc(r.variant().id())).append("\"><td><a href=\"")
                    .append(CompareReport.href(dir, r.runDir().resolve(RunReport.INDEX))).append("\">")
                    .append(Html.esc(r.variant().id())).append("</a></td>");
            for (Knob k : knobs) {
                b.append("<td>").append(Html.esc(r.variant().knobs().get(k.path()))).append("</td>");
            }
            for (HeadlineFigure f : HeadlineFigure.values()) {
                double v = f.of(r.summary());
                boolean isBest = best.get(f).contains(i);
                var e = f.estimate(r.summary());
                b.append("<td class=\"num").append(isBest ? " best" : "").append("\" data-key=\"").append(f.key())
                        .append("\" data-value=\"").append(Double.isNaN(v) ? "" : Double.toString(v)).append("\">")
                        .append(Html.esc(f.show(v))).append(isBest ? " ★" : "");
                if (e != null && e.hasInterval()) {
                    b.append("<br><small>[").append(Html.esc(f.show(e.low()))).append(" – ")
                            .append(Html.esc(f.show(e.high()))).append("]</small>");
                }
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table></div>\n");
    }

    private String seeds() {
        var s = results.get(0).summary();
        return s.replications() > 1 ? "base seed " + s.seed() + ", " + s.replications() + " replications each"
                : Long.toString(s.seed());
    }

}
