package dev.otpsim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.ui.RectangleInsets;

/**
 * How every chart looks: one font family at readable sizes, white background, light grid, and one
 * PNG size, so pages line up and tests can check the images' dimensions.
 */
public final class ChartStyle {
    private ChartStyle() {
    }

    /** PNG size of every chart. */
    public static final int WIDTH = 900;
    public static final int HEIGHT = 420;

    /** DejaVu Sans ships with fontconfig on Debian (see STACK.md); Java falls back to its logical font otherwise. */
    private static final String FONT = "DejaVu Sans";
    static final BasicStroke LINE = new BasicStroke(2.0f);
    static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    private static final StandardChartTheme THEME = theme();

    private static StandardChartTheme theme() {
        StandardChartTheme t = new StandardChartTheme("otpsim");
        t.setExtraLargeFont(new Font(FONT, Font.BOLD, 17));
        t.setLargeFont(new Font(FONT, Font.PLAIN, 14));
        t.setRegularFont(new Font(FONT, Font.PLAIN, 13));
        t.setSmallFont(new Font(FONT, Font.PLAIN, 12));
        t.setChartBackgroundPaint(Color.WHITE);
        t.setPlotBackgroundPaint(Color.WHITE);
        t.setDomainGridlinePaint(new Color(0xdddddd));
        t.setRangeGridlinePaint(new Color(0xdddddd));
        t.setAxisLabelPaint(new Color(0x333333));
        t.setTickLabelPaint(new Color(0x333333));
        t.setBarPainter(new StandardBarPainter());
        t.setXYBarPainter(new StandardXYBarPainter());
        t.setShadowVisible(false);
        return t;
    }

    /** Applies the theme; call before setting series colours (the theme resets some renderer settings). */
    public static JFreeChart apply(JFreeChart chart) {
        THEME.apply(chart);
        chart.setPadding(new RectangleInsets(6, 6, 6, 12));
        if (chart.getPlot() instanceof XYPlot p) {
            p.setOutlineVisible(false);
        } else if (chart.getPlot() instanceof CategoryPlot p) {
            p.setOutlineVisible(false);
            if (p.getRenderer() instanceof BarRenderer r) {
                r.setShadowVisible(false);
                r.setItemMargin(0.05);
            }
        }
        return chart;
    }

    /** A title with the question on the first line and, smaller, what is plotted. */
    public static void subtitle(JFreeChart chart, String text) {
        org.jfree.chart.title.TextTitle sub = new org.jfree.chart.title.TextTitle(text, new Font(FONT, Font.PLAIN, 12));
        sub.setPaint(new Color(0x555555));
        chart.addSubtitle(0, sub);
    }

    /** Writes {@code chart} as a {@link #WIDTH}×{@link #HEIGHT} PNG. */
    public static Path save(JFreeChart chart, Path file) {
        try {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + file, e);
        }
    }

    public static Font font(int style, int size) {
        return new Font(FONT, style, size);
    }
}
