package dev.otpsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void percentileAxisLabelsReadLikeHdrHistogramPlots() {
        assertEquals("0%", PercentileDistributionChart.PercentileFormat.label(0));
        assertEquals("90%", PercentileDistributionChart.PercentileFormat.label(1));
        assertEquals("99%", PercentileDistributionChart.PercentileFormat.label(2));
        assertEquals("99.9%", PercentileDistributionChart.PercentileFormat.label(3));
        assertEquals("99.999%", PercentileDistributionChart.PercentileFormat.label(5));
    }

    @Test
    void figuresAreWrittenForPeople() {
        assertEquals("4.30%", Figures.percent(0.043));
        assertEquals("0.004%", Figures.percent(0.00004));
        assertEquals("10%", Figures.percentShort(0.1));
        assertEquals("1.42×", Figures.times(1.4213));
        assertEquals("1,234", Figures.number(1234));
        assertEquals("1.52", Figures.number(1.52));
        assertEquals("4.2s", Figures.duration(4_200));
    }

    @Test
    void timeAxesPickAUnitThatKeepsTicksRound() {
        assertEquals("ms", TimeUnitAxis.forRange(900).name());
        assertEquals("s", TimeUnitAxis.forRange(90_000).name());
        assertEquals("min", TimeUnitAxis.forRange(20 * 60_000).name());
        assertEquals("h", TimeUnitAxis.forRange(5 * 3_600_000).name());
    }
}
