package dev.otpsim.report;

import dev.otpsim.metrics.TimeSeriesColumns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code timeseries.csv} read back: one row per metrics window, columns by name
 * ({@link TimeSeriesColumns}). Values are kept as doubles because ratios and counts share the file.
 */
public final class TimeSeries {
    private final Map<String, double[]> columns;
    private final int rows;

    private TimeSeries(Map<String, double[]> columns, int rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * Reads {@code file}. Every column of {@link TimeSeriesColumns#header()} must be present (extra
     * columns are allowed, so a newer run still reports); a bad cell names its line and column.
     */
    public static TimeSeries read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportInputException(file, Files.exists(file) ? "cannot read: " + e.getMessage() : "missing");
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new ReportInputException(file, "empty; expected a header line " + String.join(",", TimeSeriesColumns.header()));
        }
        String[] header = lines.get(0).trim().split(",", -1);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            index.put(header[i].trim(), i);
        }
        for (String required : TimeSeriesColumns.header()) {
            if (!index.containsKey(required)) {
                throw new ReportInputException(file, "line 1: missing column " + required);
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != header.length) {
                // A killed run may leave a half-written last line: keep what was complete before it.
                if (n == lines.size() - 1) {
                    break;
                }
                throw new ReportInputException(file, "line " + (n + 1) + ": " + cells.length + " cells, header has " + header.length);
            }
            rows.add(cells);
        }
        Map<String, double[]> columns = new HashMap<>();
        for (Map.Entry<String, Integer> c : index.entrySet()) {
            double[] values = new double[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                String cell = rows.get(r)[c.getValue()].trim();
                try {
                    values[r] = cell.isEmpty() ? 0 : Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    throw new ReportInputException(file, "line " + (r + 2) + ", column " + c.getKey() + ": not a number: \"" + cell + "\"");
                }
            }
            columns.put(c.getKey(), values);
        }
        return new TimeSeries(columns, rows.size());
    }

    /** Number of windows. */
    public int size() {
        return rows;
    }

    /** The values of one column, one per window (a copy is not made: do not modify). */
    public double[] column(String name) {
        double[] v = columns.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no column " + name);
        }
        return v;
    }

    /** Windows' midpoints in simulated ms: where a per-window value is plotted. */
    public double[] windowMidMs() {
        double[] start = column(TimeSeriesColumns.WINDOW_START_MS);
        double[] end = column(TimeSeriesColumns.WINDOW_END_MS);
        double[] mid = new double[rows];
        for (int i = 0; i < rows; i++) {
            mid[i] = (start[i] + end[i]) / 2;
        }
        return mid;
    }

    /** End of the last window in simulated ms (0 when there is none). */
    public double endMs() {
        double[] end = column(TimeSeriesColumns.WINDOW_END_MS);
        return rows == 0 ? 0 : end[rows - 1];
    }

    /** Whether a channel carried anything in this run (a channel absent from the scenario has zeros). */
    public boolean channelUsed(String channel) {
        for (String prefix : List.of(TimeSeriesColumns.DELIVERED_PREFIX, TimeSeriesColumns.BACKLOG_PREFIX)) {
            for (double v : column(prefix + channel)) {
                if (v != 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
