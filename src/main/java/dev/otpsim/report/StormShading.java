package dev.otpsim.report;

import dev.otpsim.metrics.RunSummary;
import java.util.List;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;

/**
 * Shades retry-storm episodes on a time chart. The episodes come from {@code summary.json} (not
 * re-derived from the CSV) so the shaded spans are exactly the storms the headline counts.
 */
final class StormShading {
    private StormShading() {
    }

    static void shade(XYPlot plot, List<RunSummary.Storm> storms, TimeUnitAxis unit) {
        if (storms == null || storms.isEmpty()) {
            return;
        }
        for (RunSummary.Storm s : storms) {
            IntervalMarker m = new IntervalMarker(unit.of(s.startMs()), unit.of(s.startMs() + s.lengthMs()));
            m.setPaint(Palette.STORM);
            m.setOutlinePaint(null);
            plot.addDomainMarker(m, Layer.BACKGROUND);
        }
        // A legend entry rather than per-marker labels: labels of nearby storms would overlap.
        LegendItemCollection items = new LegendItemCollection();
        items.addAll(plot.getLegendItems());
        LegendItem storm = new LegendItem("retry storm" + (storms.stream().anyMatch(RunSummary.Storm::metastable)
                ? " (some metastable)" : ""));
        storm.setFillPaint(Palette.STORM);
        storm.setShape(new java.awt.Rectangle(-6, -6, 12, 12));
        storm.setShapeVisible(true);
        storm.setLineVisible(false);
        items.add(storm);
        plot.setFixedLegendItems(items);
    }
}
