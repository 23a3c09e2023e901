package dev.otpsim.report;

import dev.otpsim.metrics.TimeSeriesColumns;
import java.text.NumberFormat;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * "When did resends exceed the retry budget?" The share of sends that were resends, per window,
 * against the storm threshold; storms are shaded.
 */
public final class RetryRatioChart {
    private RetryRatioChart() {
    }

    public static JFreeChart create(RunDirectory run, double threshold) {
        TimeSeries ts = run.series();
        TimeUnitAxis unit = TimeUnitAxis.forRange(ts.endMs());
        double[] mid = ts.windowMidMs();
        double[] ratio = ts.column(TimeSeriesColumns.RETRY_RATIO);
        double[] sends = ts.column(TimeSeriesColumns.SENDS);
        XYSeries s = new XYSeries("retry ratio (resends / all sends)");
        double max = threshold;
        for (int i = 0; i < ts.size(); i++) {
            // A window without sends has no ratio; a gap says so better than a zero would.
            s.add(unit.of(mid[i]), sends[i] == 0 ? null : ratio[i]);
            max = Math.max(max, ratio[i]);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        NumberAxis y = new NumberAxis("retry ratio");
        y.setNumberFormatOverride(NumberFormat.getPercentInstance(java.util.Locale.ROOT));
        y.setRange(0, Math.min(1.0, max * 1.15 + 0.01));
        XYPlot plot = new XYPlot(new XYSeriesCollection(s), unit.axis("simulated time since start"), y, r);
        JFreeChart chart = new JFreeChart("When did resends exceed the retry budget?",
                ChartStyle.font(java.awt.Font.BOLD, 17), plot, true);
        ChartStyle.apply(chart);
        r.setSeriesPaint(0, Palette.RETRY_RATIO);
        r.setSeriesStroke(0, ChartStyle.LINE);

        ValueMarker budget = new ValueMarker(threshold, Palette.THRESHOLD, ChartStyle.DASHED);
        budget.setLabel("storm threshold " + Figures.percentShort(threshold));
        budget.setLabelBackgroundColor(new java.awt.Color(255, 255, 255, 0));
        budget.setLabelFont(ChartStyle.font(java.awt.Font.PLAIN, 12));
        budget.setLabelPaint(Palette.THRESHOLD);
        budget.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        budget.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(budget);
        StormShading.shade(plot, run.summary().retryStorms(), run.summary().carrierFaults(), unit);
        plot.setNoDataMessage("no metrics windows recorded");
        return chart;
    }
}
