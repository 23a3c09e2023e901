package dev.otpsim.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/** Reads an HdrHistogram interval log and adds its intervals up into the whole-run distribution. */
public final class HistogramLogs {
    private HistogramLogs() {
    }

    /**
     * The sum of every interval histogram in {@code file}. Adding intervals is lossless, which is
     * why runs log intervals rather than percentiles: the whole-run distribution is exact.
     */
    public static Histogram readTotal(Path file) {
        Histogram total = new Histogram(3);
        int intervals = 0;
        try (InputStream in = Files.newInputStream(file);
             HistogramLogReader reader = new HistogramLogReader(in)) {
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                if (!(interval instanceof Histogram h)) {
                    throw new ReportInputException(file, "holds " + interval.getClass().getSimpleName()
                            + " intervals; expected integer histograms (milliseconds)");
                }
                total.add(h);
                intervals++;
            }
        } catch (IOException e) {
            throw new ReportInputException(file, Files.exists(file) ? "cannot read: " + e.getMessage() : "missing");
        } catch (ReportInputException e) {
            throw e;
        } catch (RuntimeException e) {
            // HdrHistogram reports a corrupt line with assorted runtime exceptions; the user needs the file.
            throw new ReportInputException(file, "not a readable HdrHistogram interval log ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
        if (intervals == 0 && hasForeignLines(file)) {
            // HdrHistogram's reader skips lines it does not understand, so a wrong file would read as "no data".
            throw new ReportInputException(file, "no interval histograms found; expected an HdrHistogram interval log");
        }
        return total;
    }

    /** Whether the file has lines other than the comments and legend a log of zero intervals holds. */
    private static boolean hasForeignLines(Path file) {
        try (java.util.stream.Stream<String> lines = Files.lines(file)) {
            return lines.map(String::strip).anyMatch(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("\"StartTimestamp\""));
        } catch (IOException | java.io.UncheckedIOException e) {
            return true;
        }
    }
}
