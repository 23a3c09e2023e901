package dev.otpsim.report;

import java.awt.Color;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A latency distribution drawn as HdrHistogram's plotter draws it: value against percentile, with
 * the percentile axis stretched as log10(1 / (1 − q)) so 90%, 99%, 99.9% are evenly spaced and the
 * tail, which is where stale codes come from, gets as much room as the median.
 */
public final class PercentileDistributionChart {
    private PercentileDistributionChart() {
    }

    /**
     * @param title   the question the chart answers
     * @param what    the y axis' quantity, e.g. "delivery latency"
     * @param series  name → (whole-run histogram in simulated ms, colour); empty histograms are skipped
     */
    public static JFreeChart create(String title, String what, Map<String, Map.Entry<Histogram, Color>> series) {
        long maxValue = 0;
        for (Map.Entry<Histogram, Color> s : series.values()) {
            maxValue = Math.max(maxValue, s.getKey().getTotalCount() == 0 ? 0 : s.getKey().getMaxValue());
        }
        TimeUnitAxis unit = TimeUnitAxis.forRange(maxValue);
        XYSeriesCollection data = new XYSeriesCollection();
        double maxX = 1;
        int i = 0;
        Color[] colours = new Color[series.size()];
        for (Map.Entry<String, Map.Entry<Histogram, Color>> s : series.entrySet()) {
            Histogram h = s.getValue().getKey();
            if (h.getTotalCount() == 0) {
                continue;
            }
            XYSeries xy = new XYSeries(s.getKey() + " (" + Figures.number(h.getTotalCount()) + ")", false, true);
            for (HistogramIterationValue v : h.percentiles(5)) {
                double q = v.getPercentileLevelIteratedTo() / 100.0;
                if (q >= 1.0) {
                    break; // 100% sits at infinity on this axis; the maximum is in the headline instead
                }
                double x = Math.log10(1 / (1 - q));
                xy.add(x, unit.of(h.highestEquivalentValue(v.getValueIteratedTo())));
                maxX = Math.max(maxX, x);
            }
            colours[i++] = s.getValue().getValue();
            data.addSeries(xy);
        }
        NumberAxis x = new NumberAxis("percentile");
        TickUnits ticks = new TickUnits();
        ticks.add(new NumberTickUnit(1, new PercentileFormat()));
        x.setStandardTickUnits(ticks);
        x.setAutoRangeIncludesZero(true);
        // A little room past the last decade so its label is not clipped at the edge.
        x.setRange(0, Math.max(2, Math.ceil(maxX)) + 0.06);
        NumberAxis y = new NumberAxis(what + " (" + unit.name() + ", simulated)");
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        XYPlot plot = new XYPlot(data, x, y, r);
        JFreeChart chart = new JFreeChart(title, ChartStyle.font(java.awt.Font.BOLD, 17), plot, true);
        ChartStyle.apply(chart);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            r.setSeriesPaint(s, colours[s]);
            r.setSeriesStroke(s, ChartStyle.LINE);
        }
        plot.setNoDataMessage("nothing recorded");
        return chart;
    }

    /** Labels x = log10(1/(1−q)) as the percentile q: 0 → 0%, 1 → 90%, 2 → 99%, 3 → 99.9%. */
    static final class PercentileFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double x, StringBuffer out, FieldPosition pos) {
            return out.append(label(x));
        }

        @Override
        public StringBuffer format(long x, StringBuffer out, FieldPosition pos) {
            return out.append(label(x));
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            return null; // labels only: never parsed
        }

        static String label(double x) {
            long n = Math.round(x);
            if (n <= 0) {
                return "0%";
            }
            // 1 − 10^−n as a percentage, written exactly: 90%, 99%, 99.9%, 99.99%, …
            return n == 1 ? "90%" : "99" + (n == 2 ? "" : "." + "9".repeat((int) n - 2)) + "%";
        }
    }
}
