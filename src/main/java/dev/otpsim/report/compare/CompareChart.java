package dev.otpsim.report.compare;

import dev.otpsim.report.ChartStyle;
import dev.otpsim.report.Palette;
import dev.otpsim.report.TimeUnitAxis;
import java.awt.BasicStroke;
import java.awt.Font;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * "How does this figure change with the first knob?" One headline figure against the first
 * knob's values (in the sweep's order), one line per value of the second knob.
 */
public final class CompareChart {
    private CompareChart() {
    }

    public static JFreeChart create(HeadlineFigure figure, List<Knob> knobs, List<VariantResult> results) {
        Knob x = knobs.get(0);
        Knob lines = knobs.size() > 1 ? knobs.get(1) : null;
        double max = 0;
        for (VariantResult r : results) {
            double v = figure.of(r.summary());
            if (!Double.isNaN(v)) {
                max = Math.max(max, v);
            }
        }
        TimeUnitAxis unit = TimeUnitAxis.forRange(max);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        // Add every category and line first so the axis keeps the sweep's order, not result order.
        for (var lineValue : lines == null ? List.of("") : lines.values().stream().map(Knob::text).toList()) {
            for (var xValue : x.values()) {
                data.addValue(null, seriesName(lines, lineValue), Knob.text(xValue));
            }
        }
        for (VariantResult r : results) {
            double v = figure.of(r.summary());
            String lineValue = lines == null ? "" : r.variant().knobs().get(lines.path());
            data.setValue(Double.isNaN(v) ? null : plotted(figure, unit, v), seriesName(lines, lineValue),
                    r.variant().knobs().get(x.path()));
        }
        NumberAxis y = new NumberAxis(yLabel(figure, unit));
        if (figure.kind() == HeadlineFigure.Kind.PERCENT) {
            NumberFormat pct = NumberFormat.getPercentInstance(Locale.ROOT);
            pct.setMaximumFractionDigits(1);
            y.setNumberFormatOverride(pct);
        }
        if (figure.kind() == HeadlineFigure.Kind.COUNT) {
            y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        y.setAutoRangeIncludesZero(true);
        y.setUpperMargin(0.12);
        LineAndShapeRenderer r = new LineAndShapeRenderer(true, true);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(x.label() + " (" + x.path() + ")"), y, r);
        JFreeChart chart = new JFreeChart(figure.question(x.label()),
                ChartStyle.font(Font.BOLD, 17), plot, lines != null);
        ChartStyle.apply(chart);
        ChartStyle.subtitle(chart, figure.meaning() + (figure.better() == HeadlineFigure.Better.LOWER
                ? " — lower is better" : " — higher is better"));
        for (int i = 0; i < data.getRowCount(); i++) {
            r.setSeriesPaint(i, Palette.series(i));
            r.setSeriesStroke(i, STROKES[i % STROKES.length]);
            r.setSeriesShape(i, SHAPES[i % SHAPES.length]);
        }
        return chart;
    }

    // Policies often tie (e.g. rotation does not change time to sign in): distinct dashes and
    // markers, the first drawn widest, keep a line visible when another lies on top of it.
    private static final BasicStroke[] STROKES = {
        new BasicStroke(4.0f),
        new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 5f}, 0f),
        new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {2f, 4f}, 0f),
        new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {10f, 4f, 2f, 4f}, 0f),
    };
    private static final java.awt.Shape[] SHAPES = {
        new java.awt.geom.Ellipse2D.Double(-6, -6, 12, 12),
        new java.awt.Rectangle(-4, -4, 8, 8),
        new java.awt.Polygon(new int[] {0, 5, -5}, new int[] {-5, 4, 4}, 3),
        new java.awt.Polygon(new int[] {0, 5, 0, -5}, new int[] {-5, 0, 5, 0}, 4),
    };

    private static String seriesName(Knob lines, String value) {
        return lines == null ? "all variants" : lines.label() + " = " + value;
    }

    private static double plotted(HeadlineFigure figure, TimeUnitAxis unit, double v) {
        return figure.kind() == HeadlineFigure.Kind.DURATION ? unit.of(v) : v;
    }

    private static String yLabel(HeadlineFigure figure, TimeUnitAxis unit) {
        return switch (figure.kind()) {
            case DURATION -> figure.label() + " (" + unit.name() + ", simulated)";
            case RATE -> figure.label() + " (per simulated s)";
            case TIMES -> figure.label() + " (×)";
            default -> figure.label();
        };
    }
}
