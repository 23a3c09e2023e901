package dev.otpsim.metrics;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code replications.csv}: one row per replication of a run — its seed and every headline figure
 * ({@link SummaryBuilder#FIGURES}) — so anyone can see the spread behind an interval, and a
 * comparison can pair variants replication by replication (same seed, same people).
 *
 * <pre>{@code
 * ReplicationTable.write(dir.resolve("replications.csv"), info, reps, faults);
 * Map<String, double[]> byFigure = ReplicationTable.read(dir.resolve("replications.csv"));
 * }</pre>
 */
public final class ReplicationTable {
    private ReplicationTable() {
    }

    public static void write(Path file, SummaryBuilder.RunInfo info, List<SummaryBuilder.Replication> reps,
                             List<RunSummary.CarrierFault> faults) {
        List<String> figures = SummaryBuilder.FIGURES;
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("replication,seed,journeys," + String.join(",", figures));
            w.newLine();
            for (int i = 0; i < reps.size(); i++) {
                SummaryBuilder.Replication r = reps.get(i);
                RunSummary one = SummaryBuilder.build(info, r, faults, List.of(), List.of());
                StringBuilder b = new StringBuilder().append(i + 1).append(',').append(r.seed()).append(',')
                        .append(one.journeys());
                for (String f : figures) {
                    Estimate e = one.estimate(f);
                    b.append(',').append(e == null ? "" : String.format(Locale.ROOT, "%.9g", e.value()));
                }
                w.write(b.toString());
                w.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Each figure's per-replication values, in replication order (empty map when the file is missing).
     *
     * @throws UncheckedIOException when it exists but cannot be read
     */
    public static Map<String, double[]> read(Path file) {
        Map<String, double[]> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String header = in.readLine();
            if (header == null) {
                return out;
            }
            String[] names = header.split(",", -1);
            List<String[]> rows = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
            for (int c = 3; c < names.length; c++) {
                double[] v = new double[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    String cell = c < rows.get(r).length ? rows.get(r)[c] : "";
                    v[r] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
                }
                out.put(names[c], v);
            }
            return out;
        } catch (IOException | NumberFormatException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }
}
