package dev.otpsim.report.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.ConfigValueFactory;
import dev.otpsim.metrics.Estimate;
import dev.otpsim.report.ChartStyle;
import dev.otpsim.report.Html;
import dev.otpsim.report.RunReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a comparison's {@code compare.json}, {@code compare.html} and {@code charts/*.png}: one
 * row per variant with the headline figures (best per column marked), each figure charted against
 * the first varied knob with one line per value of the second, and links to every variant's report.
 */
public final class CompareReport {
    private CompareReport() {
    }

    public static final String HTML = "compare.html";
    public static final String JSON = "compare.json";

    /**
     * @param compareDir  where to write (created if needed); its name is the comparison's id
     * @param results     the variants that ran, in sweep order; all vary the same knobs
     * @return the written {@code compare.html}
     */
    public static Path write(Path compareDir, List<VariantResult> results) {
        return write(compareDir, Optional.empty(), results);
    }

    /** As {@link #write(Path, List)}, also showing the sweep's description, sweep file and base scenario. */
    public static Path write(Path compareDir, Sweep sweep, List<VariantResult> results) {
        return write(compareDir, Optional.of(sweep), results);
    }

    private static Path write(Path compareDir, Optional<Sweep> sweep, List<VariantResult> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least one variant that ran");
        }
        List<Knob> knobs = knobsOf(results);
        Map<HeadlineFigure, Set<Integer>> best = best(results);
        try {
            Files.createDirectories(compareDir.resolve("charts"));
            writeJson(compareDir, sweep, knobs, results, best);
            List<Path> charts = new ArrayList<>();
            // With more than two knobs a point on the chart would stand for several variants: table only.
            if (knobs.size() <= Sweep.CHARTED_KNOBS) {
                for (HeadlineFigure f : HeadlineFigure.values()) {
                    Path rel = Path.of("charts", f.key() + ".png");
                    ChartStyle.save(CompareChart.create(f, knobs, results), compareDir.resolve(rel));
                    charts.add(rel);
                }
            }
            Path html = compareDir.resolve(HTML);
            Files.writeString(html, new ComparePage(compareDir, sweep, knobs, results, best, charts).render(), StandardCharsets.UTF_8);
            return html;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the comparison into " + compareDir, e);
        }
    }

    /** The knobs as the variants carry them, values in first-seen (sweep) order. */
    static List<Knob> knobsOf(List<VariantResult> results) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (VariantResult r : results) {
            r.variant().knobs().forEach((k, v) -> values.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
        }
        List<Knob> knobs = new ArrayList<>();
        values.forEach((path, vs) -> knobs.add(new Knob(path,
                vs.stream().map(ConfigValueFactory::fromAnyRef).toList())));
        return knobs;
    }

    /**
     * Per figure, the rows holding its best value among the valid variants; none when every valid
     * row ties (nothing to choose). A variant whose figures are not a result (harness lag, a failed
     * run) is never best.
     */
    static Map<HeadlineFigure, Set<Integer>> best(List<VariantResult> results) {
        Map<HeadlineFigure, Set<Integer>> best = new EnumMap<>(HeadlineFigure.class);
        long valid = results.stream().filter(VariantResult::valid).count();
        for (HeadlineFigure f : HeadlineFigure.values()) {
            double bestValue = Double.NaN;
            for (VariantResult r : results) {
                if (!r.valid()) {
                    continue;
                }
                double v = f.of(r.summary());
                if (!Double.isNaN(v) && (Double.isNaN(bestValue) || f.isBetter(v, bestValue))) {
                    bestValue = v;
                }
            }
            Set<Integer> rows = new LinkedHashSet<>();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).valid() && f.of(results.get(i).summary()) == bestValue) {
                    rows.add(i);
                }
            }
            if (rows.size() < valid) {
                best.put(f, rows);
            } else {
                best.put(f, Set.of());
            }
        }
        return best;
    }

    private static void writeJson(Path dir, Optional<Sweep> sweep, List<Knob> knobs, List<VariantResult> results,
                                  Map<HeadlineFigure, Set<Integer>> best) throws IOException {
        // Nothing here may depend on the wall clock or the folder's name: the same sweep and seed
        // give the same bytes, however busy the machine (virtual time).
        Map<String, Object> root = new LinkedHashMap<>();
        sweep.ifPresent(sw -> {
            root.put("sweep", sw.file().toString());
            root.put("base", relative(sw.file().toAbsolutePath().getParent(), sw.baseFile()));
            root.put("description", sw.description());
        });
        VariantResult baseline = results.get(0);
        root.put("engine", baseline.summary().engine());
        root.put("replications", baseline.summary().replications());
        root.put("seeds", baseline.summary().seeds());
        root.put("baseline", baseline.variant().id());
        Costs costs = sweep.map(Sweep::costs).orElse(null);
        if (costs != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("currency", costs.currency());
            costs.perMessage().forEach((ch, v) -> c.put(ch.id(), v));
            root.put("costs", c);
        }
        List<Map<String, Object>> knobList = new ArrayList<>();
        for (Knob k : knobs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", k.path());
            m.put("values", k.values().stream().map(Knob::text).toList());
            knobList.add(m);
        }
        root.put("knobs", knobList);
        List<Map<String, Object>> figures = new ArrayList<>();
        for (HeadlineFigure f : HeadlineFigure.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", f.key());
            m.put("label", f.label());
            m.put("meaning", f.meaning());
            m.put("better", f.better().name().toLowerCase(java.util.Locale.ROOT));
            figures.add(m);
        }
        root.put("figures", figures);
        List<DecisionView.Column> decision = DecisionView.columns(costs, results);
        List<Map<String, Object>> variants = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            VariantResult r = results.get(i);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("id", r.variant().id());
            v.put("short", shortId(i));
            v.put("knobs", r.variant().knobs());
            v.put("runDir", relative(dir, r.runDir()));
            v.put("report", relative(dir, r.runDir().resolve(RunReport.INDEX)));
            v.put("seed", r.summary().seed());
            v.put("valid", r.valid());
            v.put("problems", r.summary().problems().stream().map(p -> p.kind().id() + ": " + p.message()).toList());
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, Object> estimates = new LinkedHashMap<>();
            Map<String, Object> differences = new LinkedHashMap<>();
            List<String> bestKeys = new ArrayList<>();
            for (HeadlineFigure f : HeadlineFigure.values()) {
                double x = f.of(r.summary());
                values.put(f.key(), Double.isNaN(x) ? null : x); // JSON has no NaN
                Estimate e = f.estimate(r.summary());
                if (e != null) {
                    estimates.put(f.key(), json(e));
                }
                if (i > 0) {
                    double[] mine = r.perReplication().get(f.estimateKey());
                    double[] base = baseline.perReplication().get(f.estimateKey());
                    if (mine != null && base != null) {
                        differences.put(f.key(), json(PairedDifference.of(mine, base)));
                    }
                }
                if (best.get(f).contains(i)) {
                    bestKeys.add(f.key());
                }
            }
            v.put("figures", values);
            v.put("estimates", estimates);
            v.put("vsBaseline", differences);
            Map<String, Object> view = new LinkedHashMap<>();
            for (DecisionView.Column c : decision) {
                DecisionView.Cell cell = c.cell(r, baseline);
                Map<String, Object> m = json(cell.estimate());
                if (cell.difference() != null) {
                    m.put("vsBaseline", json(cell.difference()));
                }
                view.put(c.key(), m);
            }
            v.put("decision", view);
            v.put("best", bestKeys);
            variants.add(v);
        }
        root.put("variants", variants);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(JSON).toFile(), root);
    }

    private static Map<String, Object> json(Estimate e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", finite(e.value()));
        m.put("n", e.n());
        m.put("low", e.low() == null ? null : finite(e.low()));
        m.put("high", e.high() == null ? null : finite(e.high()));
        m.put("method", e.method());
        return m;
    }

    private static Map<String, Object> json(PairedDifference d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("difference", finite(d.mean()));
        m.put("low", finite(d.low()));
        m.put("high", finite(d.high()));
        m.put("pairs", d.pairs());
        m.put("withinNoise", d.withinNoise());
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Short ids for the decision view: A, B, ... Z, AA, AB ... */
    static String shortId(int i) {
        String s = "";
        int n = i;
        do {
            s = (char) ('A' + n % 26) + s;
            n = n / 26 - 1;
        } while (n >= 0);
        return s;
    }

    static String relative(Path from, Path to) {
        return from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** A link from the comparison's page to one of its files or a variant's. */
    static String href(Path from, Path to) {
        return Html.href(from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize()));
    }
}
