package dev.otpsim.metrics;

import dev.otpsim.config.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pass/fail condition on a summary figure, like a Gatling assertion:
 * {@code thresholds = ["staleSubmissionRate < 0.01", "timeToSignInMs.p99 <= 120000"]}.
 * A run with a failed threshold exits 1.
 */
public record Threshold(String expression, String metric, String operator, double limit) {
    private static final Pattern SYNTAX = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9.]*)\\s*(<=|>=|<|>|==)\\s*(-?[0-9.eE+-]+)\\s*$");

    /** Every metric a threshold may name, and how to read it from a summary. */
    public static final Map<String, ToDoubleFunction<RunSummary>> METRICS = Map.ofEntries(
            Map.entry("journeys", s -> s.journeys()),
            Map.entry("successRate", s -> rate(s.outcomes().getOrDefault("success", 0L), s.journeys())),
            Map.entry("abandonRate", s -> rate(s.outcomes().getOrDefault("abandoned", 0L), s.journeys())),
            Map.entry("errorRate", s -> rate(s.outcomes().getOrDefault("error", 0L), s.journeys())),
            Map.entry("staleSubmissionRate", RunSummary::staleSubmissionRate),
            Map.entry("staleJourneyRate", RunSummary::staleJourneyRate),
            Map.entry("lockoutRate", RunSummary::lockoutRate),
            Map.entry("selfInflictedLockouts", s -> s.selfInflictedLockouts()),
            Map.entry("sendAmplification", RunSummary::sendAmplification),
            Map.entry("retryRatio", RunSummary::retryRatio),
            Map.entry("retryStorms", s -> s.retryStorms().size()),
            Map.entry("metastableStorms", s -> s.retryStorms().stream().filter(RunSummary.Storm::metastable).count()),
            Map.entry("timeToSignInMs.p50", s -> s.timeToSignInMs().p50()),
            Map.entry("timeToSignInMs.p90", s -> s.timeToSignInMs().p90()),
            Map.entry("timeToSignInMs.p99", s -> s.timeToSignInMs().p99()),
            Map.entry("timeToSignInMs.max", s -> s.timeToSignInMs().max()),
            Map.entry("goodput", RunSummary::goodput),
            Map.entry("messagesPerSuccess", s -> s.messagesPerSuccess().getOrDefault("all", 0.0)),
            Map.entry("targetDisagreements", s -> s.targetDisagreements()),
            Map.entry("unknownRecipients", s -> s.unknownRecipients()),
            Map.entry("selfInflictedLockoutRate", s -> rate(s.selfInflictedLockouts(), s.journeys())),
            Map.entry("deadCodeJourneys", s -> s.deadCodeJourneys()),
            Map.entry("recoveryRate", RunSummary::recoveryRate),
            Map.entry("recoveries", s -> s.recovery() == null ? 0 : s.recovery().journeys()),
            Map.entry("sendsWithoutCode", s -> s.sendsWithoutCode()));

    public static List<Threshold> read(Section root, String key) {
        List<Threshold> out = new ArrayList<>();
        for (String expr : root.strings(key)) {
            Matcher m = SYNTAX.matcher(expr);
            if (!m.matches()) {
                root.problem(key, "cannot read threshold \"" + expr + "\"; expected \"<metric> <op> <number>\" "
                        + "with op one of <, <=, >, >=, ==");
                continue;
            }
            if (!METRICS.containsKey(m.group(1))) {
                root.problem(key, "unknown metric \"" + m.group(1) + "\" in threshold \"" + expr + "\"; expected one of "
                        + String.join(", ", new TreeSet<>(METRICS.keySet())));
                continue;
            }
            try {
                out.add(new Threshold(expr.trim(), m.group(1), m.group(2), Double.parseDouble(m.group(3))));
            } catch (NumberFormatException e) {
                root.problem(key, "not a number in threshold \"" + expr + "\"");
            }
        }
        return out;
    }

    public RunSummary.ThresholdResult evaluate(RunSummary s) {
        double actual = METRICS.get(metric).applyAsDouble(s);
        boolean passed = switch (operator) {
            case "<" -> actual < limit;
            case "<=" -> actual <= limit;
            case ">" -> actual > limit;
            case ">=" -> actual >= limit;
            default -> actual == limit;
        };
        return new RunSummary.ThresholdResult(expression, metric, actual, passed);
    }

    private static double rate(long n, long d) {
        return d == 0 ? 0.0 : (double) n / d;
    }
}
