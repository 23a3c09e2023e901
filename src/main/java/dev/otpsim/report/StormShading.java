package dev.otpsim.report;

import dev.otpsim.metrics.RunSummary;
import java.util.List;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;

/**
 * Shades retry-storm episodes on a time chart, and marks the carrier faults the scenario planned
 * (outages, capacity drops) so a reader sees whether a storm outlived its trigger. Both come from
 * {@code summary.json} (not re-derived from the CSV) so the spans are exactly what the headline counts.
 */
final class StormShading {
    private StormShading() {
    }

    static void shade(XYPlot plot, List<RunSummary.Storm> storms, List<RunSummary.CarrierFault> faults,
                      TimeUnitAxis unit) {
        boolean anyFault = faults != null && !faults.isEmpty();
        if (anyFault) {
            for (RunSummary.CarrierFault f : faults) {
                IntervalMarker m = new IntervalMarker(unit.of(f.startMs()), unit.of(f.endMs()));
                m.setPaint(Palette.FAULT);
                m.setOutlinePaint(Palette.FAULT_EDGE);
                m.setOutlineStroke(new java.awt.BasicStroke(1f));
                plot.addDomainMarker(m, Layer.BACKGROUND);
            }
        }
        boolean anyStorm = storms != null && !storms.isEmpty();
        if (!anyStorm && !anyFault) {
            return;
        }
        for (RunSummary.Storm s : anyStorm ? storms : List.<RunSummary.Storm>of()) {
            IntervalMarker m = new IntervalMarker(unit.of(s.startMs()), unit.of(s.startMs() + s.lengthMs()));
            m.setPaint(Palette.STORM);
            m.setOutlinePaint(null);
            plot.addDomainMarker(m, Layer.BACKGROUND);
        }
        // A legend entry rather than per-marker labels: labels of nearby storms would overlap.
        LegendItemCollection items = new LegendItemCollection();
        items.addAll(plot.getLegendItems());
        if (anyStorm) {
            items.add(box("retry storm" + (storms.stream().anyMatch(RunSummary.Storm::metastable)
                    ? " (some metastable)" : ""), Palette.STORM));
        }
        if (anyFault) {
            items.add(box("carrier fault (outage, capacity drop)", Palette.FAULT));
        }
        plot.setFixedLegendItems(items);
    }

    private static LegendItem box(String label, java.awt.Paint paint) {
        LegendItem item = new LegendItem(label);
        item.setFillPaint(paint);
        item.setShape(new java.awt.Rectangle(-6, -6, 12, 12));
        item.setShapeVisible(true);
        item.setLineVisible(false);
        return item;
    }
}
