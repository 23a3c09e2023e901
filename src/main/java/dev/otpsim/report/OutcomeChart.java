package dev.otpsim.report;

import java.awt.Paint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * "How did journeys end?" and "What happened to the codes people typed?": counts per outcome as
 * horizontal bars in the outcome's colour, each labelled with its count and share.
 */
public final class OutcomeChart {
    private OutcomeChart() {
    }

    /** Journey outcomes in the order a reader expects, best first; unknown ones follow. */
    public static final List<String> JOURNEY_ORDER = List.of("success", "abandoned", "locked-out", "error");
    /** Submission outcomes as SPEC.md lists them. */
    public static final List<String> SUBMISSION_ORDER = List.of("accepted", "stale", "expired", "mistyped", "locked",
            "rate-limited", "error");

    public static JFreeChart create(String title, String subtitle, String axis, Map<String, Long> counts, List<String> order) {
        Map<String, Long> ordered = ordered(counts, order);
        long total = ordered.values().stream().mapToLong(Long::longValue).sum();
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Map.Entry<String, Long> e : ordered.entrySet()) {
            data.addValue(e.getValue(), "count", e.getKey());
        }
        List<String> categories = new ArrayList<>(ordered.keySet());
        BarRenderer r = new BarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int row, int column) {
                return Palette.outcome(categories.get(column));
            }
        };
        NumberAxis value = new NumberAxis(axis);
        value.setUpperMargin(0.22); // room for the labels right of the longest bar
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(), value, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_LEFT);
        JFreeChart chart = new JFreeChart(title, ChartStyle.font(java.awt.Font.BOLD, 17), plot, false);
        ChartStyle.apply(chart);
        ChartStyle.subtitle(chart, subtitle);
        r.setMaximumBarWidth(0.12);
        r.setDefaultItemLabelGenerator(new org.jfree.chart.labels.StandardCategoryItemLabelGenerator() {
            private static final long serialVersionUID = 1L;

            @Override
            public String generateLabel(org.jfree.data.category.CategoryDataset d, int row, int column) {
                long n = d.getValue(row, column).longValue();
                return Figures.number(n) + (total == 0 ? "" : "  (" + Figures.percent((double) n / total) + ")");
            }
        });
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(ChartStyle.font(java.awt.Font.PLAIN, 12));
        r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        plot.setNoDataMessage("none recorded");
        return chart;
    }

    private static Map<String, Long> ordered(Map<String, Long> counts, List<String> order) {
        Map<String, Long> out = new LinkedHashMap<>();
        Map<String, Long> given = counts == null ? Map.of() : counts;
        // Every known outcome gets a bar, zeros too: "no lockouts" is an answer worth seeing. Outcomes
        // only some runs can have (recovery, authenticator codes' own refusals) get one when they happened.
        for (String o : order) {
            out.put(o, given.getOrDefault(o, 0L));
        }
        given.keySet().stream().filter(k -> !out.containsKey(k) && given.get(k) != null && given.get(k) > 0).sorted()
                .forEach(k -> out.put(k, given.get(k)));
        return out;
    }
}
