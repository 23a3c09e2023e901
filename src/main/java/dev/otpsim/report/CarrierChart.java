package dev.otpsim.report;

import dev.otpsim.metrics.TimeSeriesColumns;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * "Were the carriers backed up, and how slow did delivery get?" Queue backlog (top) and delivery
 * latency p95 (bottom) per channel over the run, one colour per channel on both.
 */
public final class CarrierChart {
    private CarrierChart() {
    }

    public static JFreeChart create(RunDirectory run, List<String> channels) {
        TimeSeries ts = run.series();
        TimeUnitAxis time = TimeUnitAxis.forRange(ts.endMs());
        double[] mid = ts.windowMidMs();
        double maxDelay = 0;
        for (String c : channels) {
            for (double v : ts.column(TimeSeriesColumns.DELIVERY_P95_PREFIX + c)) {
                maxDelay = Math.max(maxDelay, v);
            }
        }
        TimeUnitAxis delayUnit = TimeUnitAxis.forRange(maxDelay);

        XYSeriesCollection backlog = new XYSeriesCollection();
        XYSeriesCollection delay = new XYSeriesCollection();
        for (String c : channels) {
            XYSeries b = new XYSeries(c);
            XYSeries d = new XYSeries(c + " p95", true, true);
            double[] bv = ts.column(TimeSeriesColumns.BACKLOG_PREFIX + c);
            double[] dv = ts.column(TimeSeriesColumns.DELIVERY_P95_PREFIX + c);
            double[] delivered = ts.column(TimeSeriesColumns.DELIVERED_PREFIX + c);
            for (int i = 0; i < ts.size(); i++) {
                b.add(time.of(mid[i]), bv[i]);
                // No delivery in a window means no latency to show, not a latency of zero.
                d.add(time.of(mid[i]), delivered[i] == 0 ? null : delayUnit.of(dv[i]));
            }
            backlog.addSeries(b);
            delay.addSeries(d);
        }
        // Messages are whole: integer ticks, and an empty queue still gets a readable 0..10 axis
        // (JFreeChart would otherwise zoom into ±4E-9 around a flat zero line).
        NumberAxis queued = new NumberAxis("queued messages");
        queued.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        queued.setAutoRangeMinimumSize(10);
        queued.setRangeType(org.jfree.data.RangeType.POSITIVE);
        XYPlot top = new XYPlot(backlog, null, queued, renderer());
        XYPlot bottom = new XYPlot(delay, null, new NumberAxis("delivery p95 (" + delayUnit.name() + ")"), renderer());
        // The channel legend is the top plot's; the bottom one repeats the colours.
        bottom.getRenderer().setDefaultSeriesVisibleInLegend(false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time.axis("simulated time since start"));
        plot.setGap(12);
        plot.add(top, 1);
        plot.add(bottom, 1);
        JFreeChart chart = new JFreeChart("Were carriers backed up, and how slow did delivery get?",
                ChartStyle.font(java.awt.Font.BOLD, 17), plot, true);
        ChartStyle.apply(chart);
        for (XYPlot p : List.of(top, bottom)) {
            p.setOutlineVisible(false);
            XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) p.getRenderer();
            for (int i = 0; i < channels.size(); i++) {
                r.setSeriesPaint(i, Palette.channel(channels.get(i)));
                r.setSeriesStroke(i, ChartStyle.LINE);
            }
            StormShading.shade(p, run.summary().retryStorms(), run.summary().carrierFaults(), time);
            p.setNoDataMessage("no channel carried messages");
        }
        bottom.setFixedLegendItems(null);
        return chart;
    }

    private static XYLineAndShapeRenderer renderer() {
        return new XYLineAndShapeRenderer(true, false);
    }
}
