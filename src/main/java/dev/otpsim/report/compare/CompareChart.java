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
import dev.otpsim.metrics.Estimate;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

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
            double v = high(figure, r);
            if (!Double.isNaN(v)) {
                max = Math.max(max, v);
            }
        }
        TimeUnitAxis unit = TimeUnitAxis.forRange(max);
        List<String> xs = x.values().stream().map(Knob::text).toList();
        List<String> lineValues = lines == null ? List.of("") : lines.values().stream().map(Knob::text).toList();
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (int li = 0; li < lineValues.size(); li++) {
            String lineValue = lineValues.get(li);
            YIntervalSeries series = new YIntervalSeries(seriesName(lines, lineValue), false, true);
            // Lines sit side by side around each x value, so their error bars do not hide each other.
            double shift = lineValues.size() == 1 ? 0 : (li - (lineValues.size() - 1) / 2.0) * 0.06;
            for (VariantResult r : results) {
                if (lines != null && !lineValue.equals(r.variant().knobs().get(lines.path()))) {
                    continue;
                }
                double v = figure.of(r.summary());
                if (Double.isNaN(v) || !r.valid()) {
                    continue; // an invalid variant's figure is not drawn as if it were one
                }
                Estimate e = figure.estimate(r.summary());
                double lo = e != null && e.hasInterval() ? e.low() : v;
                double hi = e != null && e.hasInterval() ? e.high() : v;
                series.add(xs.indexOf(r.variant().knobs().get(x.path())) + shift, plotted(figure, unit, v),
                        plotted(figure, unit, lo), plotted(figure, unit, hi));
            }
            data.addSeries(series);
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
        SymbolAxis xAxis = new SymbolAxis(x.label() + " (" + x.path() + ")", xs.toArray(String[]::new));
        xAxis.setGridBandsVisible(false);
        xAxis.setLowerMargin(0.15);
        xAxis.setUpperMargin(0.15);
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setDrawYError(true);
        r.setDefaultLinesVisible(true);
        r.setDefaultShapesVisible(true);
        r.setErrorPaint(java.awt.Color.DARK_GRAY);
        r.setCapLength(8);
        XYPlot plot = new XYPlot(data, xAxis, y, r);
        JFreeChart chart = new JFreeChart(figure.question(x.label()),
                ChartStyle.font(Font.BOLD, 17), plot, lines != null);
        ChartStyle.apply(chart);
        ChartStyle.subtitle(chart, figure.meaning() + (figure.better() == HeadlineFigure.Better.LOWER
                ? " — lower is better" : " — higher is better") + "; bars: 95 % interval");
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, Palette.series(i));
            r.setSeriesStroke(i, STROKES[i % STROKES.length]);
            r.setSeriesShape(i, SHAPES[i % SHAPES.length]);
        }
        return chart;
    }

    /** The top of a variant's interval (its value when it has none), for the axis range. */
    private static double high(HeadlineFigure figure, VariantResult r) {
        Estimate e = figure.estimate(r.summary());
        return e != null && e.hasInterval() ? e.high() : figure.of(r.summary());
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
