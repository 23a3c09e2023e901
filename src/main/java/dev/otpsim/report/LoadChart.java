package dev.otpsim.report;

import dev.otpsim.metrics.TimeSeriesColumns;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * "Do resends multiply the load on the carriers?" Journeys started against code sends per window;
 * the gap between the two lines is resends, and retry storms are shaded.
 */
public final class LoadChart {
    private LoadChart() {
    }

    public static JFreeChart create(RunDirectory run) {
        TimeSeries ts = run.series();
        TimeUnitAxis unit = TimeUnitAxis.forRange(ts.endMs());
        double[] mid = ts.windowMidMs();
        XYSeries journeys = new XYSeries("journeys started");
        XYSeries sends = new XYSeries("code sends");
        double[] started = ts.column(TimeSeriesColumns.JOURNEYS_STARTED);
        double[] sent = ts.column(TimeSeriesColumns.SENDS);
        for (int i = 0; i < ts.size(); i++) {
            journeys.add(unit.of(mid[i]), started[i]);
            sends.add(unit.of(mid[i]), sent[i]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(journeys);
        data.addSeries(sends);

        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        NumberAxis y = new NumberAxis("per window of " + windowLength(ts));
        XYPlot plot = new XYPlot(data, unit.axis("simulated time since start"), y, r);
        JFreeChart chart = new JFreeChart("Do resends multiply the load? Journeys started vs code sends",
                ChartStyle.font(java.awt.Font.BOLD, 17), plot, true);
        ChartStyle.apply(chart);
        r.setSeriesPaint(0, Palette.JOURNEYS);
        r.setSeriesPaint(1, Palette.SENDS);
        r.setSeriesStroke(0, ChartStyle.LINE);
        r.setSeriesStroke(1, ChartStyle.LINE);
        StormShading.shade(plot, run.summary().retryStorms(), run.summary().carrierFaults(), unit);
        plot.setNoDataMessage("no metrics windows recorded");
        return chart;
    }

    static String windowLength(TimeSeries ts) {
        if (ts.size() == 0) {
            return "window";
        }
        double len = ts.column(TimeSeriesColumns.WINDOW_END_MS)[0] - ts.column(TimeSeriesColumns.WINDOW_START_MS)[0];
        return dev.otpsim.distribution.Durations.show(len) + " (simulated)";
    }
}
