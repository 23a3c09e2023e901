package dev.otpsim.report.compare;

import dev.otpsim.handset.Channel;
import dev.otpsim.metrics.Estimate;
import dev.otpsim.metrics.Intervals;
import dev.otpsim.report.Figures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The few figures a product team decides on, per variant, each with its 95 % interval and its
 * paired difference to the baseline variant: successful sign-ins, time to sign in (p50, p99),
 * stale-code share, self-inflicted lockouts, messages per 1,000 sign-ins and — with the sweep's
 * {@link Costs} — what 1,000 sign-ins cost; when variants can end in account recovery, recoveries
 * per 1,000 journeys and what they cost at the scenario's {@code recovery.cost}.
 *
 * <pre>{@code
 * List<DecisionView.Column> cols = DecisionView.columns(sweep.costs());
 * DecisionView.Cell c = cols.get(0).cell(result, baseline);   // value, interval, difference
 * }</pre>
 */
public final class DecisionView {
    private DecisionView() {
    }

    /** How a column's numbers are written. */
    enum Format { PERCENT, DURATION, PER_THOUSAND, NUMBER, MONEY }

    /**
     * One column: a name, which way is better, and how to read its value and per-replication
     * values from a variant.
     */
    public record Column(String key, String label, String meaning, boolean lowerIsBetter, Format format,
                         Function<VariantResult, Estimate> estimate, Function<VariantResult, double[]> perReplication) {

        public Cell cell(VariantResult r, VariantResult baseline) {
            Estimate e = estimate.apply(r);
            PairedDifference d = r == baseline ? null
                    : PairedDifference.of(perReplication.apply(r), perReplication.apply(baseline));
            return new Cell(e, d);
        }

        String show(double v) {
            if (Double.isNaN(v)) {
                return "–";
            }
            return switch (format) {
                case PERCENT -> Figures.percent(v);
                case DURATION -> Figures.duration(v);
                case PER_THOUSAND, NUMBER -> String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
                case MONEY -> String.format(Locale.ROOT, "%.2f", v);
            };
        }

        /** A difference in the column's unit: percentage points for shares. */
        String showDifference(double d) {
            if (Double.isNaN(d)) {
                return "–";
            }
            return switch (format) {
                case PERCENT -> String.format(Locale.ROOT, "%+.2f pts", 100 * d);
                case DURATION -> (d < 0 ? "−" : "+") + Figures.duration(Math.abs(d));
                case PER_THOUSAND, NUMBER -> String.format(Locale.ROOT, "%+.1f", d);
                case MONEY -> String.format(Locale.ROOT, "%+.2f", d);
            };
        }
    }

    /** A variant's value in a column, and its difference to the baseline (null for the baseline itself). */
    public record Cell(Estimate estimate, PairedDifference difference) {
    }

    /**
     * The decision view's columns for these results: as {@link #columns(Costs)}, plus recoveries per
     * 1,000 journeys and what they cost when any variant can end in account recovery.
     */
    public static List<Column> columns(Costs costs, List<VariantResult> results) {
        List<Column> c = columns(costs);
        boolean recoveries = results.stream().map(VariantResult::summary).anyMatch(s -> s.recovery() != null
                && (s.recovery().journeys() > 0 || s.recovery().costPerCase() > 0));
        if (recoveries) {
            int at = c.size() - (costs != null ? 1 : 0) - 1; // before the messages and their cost
            c.add(at, of("recoveryRate", "account recoveries /1,000",
                    "journeys that ended in account recovery, per 1,000 journeys", true, Format.PER_THOUSAND, 1000));
            String currency = results.get(0).summary().recovery() == null ? ""
                    : results.get(0).summary().recovery().currency();
            c.add(new Column("recoveryCostPer1000", "recovery cost /1,000 journeys (" + currency + ")",
                    "what the account recoveries of 1,000 journeys cost at the scenario's recovery.cost per case",
                    true, Format.MONEY, r -> scaled(r.summary().estimate("recoveryRate"), 1000 * perCase(r)),
                    r -> scaled(r.perReplication().get("recoveryRate"), 1000 * perCase(r))));
        }
        return c;
    }

    private static double perCase(VariantResult r) {
        return r.summary().recovery() == null ? 0 : r.summary().recovery().costPerCase();
    }

    /** The decision view's columns; the cost column only with prices. */
    public static List<Column> columns(Costs costs) {
        List<Column> c = new ArrayList<>();
        c.add(of("successRate", "signed in", "share of journeys that signed in", false, Format.PERCENT, 1));
        c.add(of("timeToSignInMs.p50", "time to sign in p50", "first code request → accepted code, median", true,
                Format.DURATION, 1));
        c.add(of("timeToSignInMs.p99", "p99", "first code request → accepted code, 99th percentile", true,
                Format.DURATION, 1));
        c.add(of("staleSubmissionRate", "stale codes", "stale submissions / all submissions", true,
                Format.PERCENT, 1));
        c.add(of("selfInflictedLockoutRate", "self-inflicted lockouts /1,000",
                "journeys locked though nothing was mistyped, per 1,000 journeys", true, Format.PER_THOUSAND, 1000));
        c.add(of("messagesPerSuccess", "messages /1,000 sign-ins", "messages sent per 1,000 successful sign-ins",
                true, Format.PER_THOUSAND, 1000));
        if (costs != null) {
            c.add(new Column("costPer1000", "cost /1,000 sign-ins (" + costs.currency() + ")",
                    "what 1,000 successful sign-ins cost in messages at the sweep's prices (" + priceList(costs) + ")",
                    true, Format.MONEY, r -> cost(r, costs), r -> costPerReplication(r, costs)));
        }
        return c;
    }

    private static Column of(String key, String label, String meaning, boolean lower, Format f, double scale) {
        return new Column(key, label, meaning, lower, f, r -> scaled(r.summary().estimate(key), scale),
                r -> scaled(r.perReplication().get(key), scale));
    }

    private static Estimate scaled(Estimate e, double k) {
        if (e == null) {
            return Estimate.without(Double.NaN, 0);
        }
        return new Estimate(e.value() * k, e.n(), e.low() == null ? null : e.low() * k,
                e.high() == null ? null : e.high() * k, e.method());
    }

    private static double[] scaled(double[] v, double k) {
        if (v == null) {
            return new double[0];
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * k;
        }
        return out;
    }

    /** Cost of 1,000 sign-ins: pooled value, interval over replications (none from one replication). */
    private static Estimate cost(VariantResult r, Costs costs) {
        double pooled = 0;
        for (Channel c : Channel.values()) {
            Estimate e = r.summary().estimate("messagesPerSuccess." + c.id());
            pooled += e == null ? 0 : 1000 * e.value() * costs.price(c);
        }
        return Intervals.replications(pooled, costPerReplication(r, costs));
    }

    private static double[] costPerReplication(VariantResult r, Costs costs) {
        int n = r.perReplication().values().stream().mapToInt(a -> a.length).max().orElse(0);
        double[] out = new double[n];
        for (Channel c : Channel.values()) {
            double[] mps = r.perReplication().get("messagesPerSuccess." + c.id());
            if (mps == null) {
                continue;
            }
            for (int i = 0; i < n && i < mps.length; i++) {
                out[i] += 1000 * (Double.isNaN(mps[i]) ? 0 : mps[i]) * costs.price(c);
            }
        }
        return out;
    }

    private static String priceList(Costs costs) {
        List<String> p = new ArrayList<>();
        costs.perMessage().forEach((c, v) -> p.add(c.id() + " " + v));
        return String.join(", ", p) + " " + costs.currency() + " per message";
    }
}
