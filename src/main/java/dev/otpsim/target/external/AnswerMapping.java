package dev.otpsim.target.external;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otpsim.person.TargetAnswer;
import dev.otpsim.config.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How one request's answers (send or verify) map onto the contract's outcomes: a list of
 * {@link OutcomeRule}s, first match wins. An answer no rule matches is an {@code error}, and the
 * caller counts it, so a mapping that misses a case shows up instead of passing silently.
 */
public final class AnswerMapping {
    /** What a send mapping is when the scenario gives none: any 2xx accepted, 429 rate-limited. */
    static final AnswerMapping DEFAULT_SEND = new AnswerMapping(List.of(
            OutcomeRule.status(200, 299, TargetAnswer.Kind.ACCEPTED),
            OutcomeRule.status(429, 429, TargetAnswer.Kind.RATE_LIMITED)));

    private final List<OutcomeRule> rules;

    AnswerMapping(List<OutcomeRule> rules) {
        this.rules = List.copyOf(rules);
    }

    static AnswerMapping read(Section outcomes, String key) {
        List<Section> items = outcomes.sections(key);
        if (items.isEmpty()) {
            outcomes.problem(key, "expected a list of rules, e.g. [ { status = 200, outcome = accepted }, "
                    + "{ status = 400, outcome = invalid } ]");
        }
        List<OutcomeRule> rules = new ArrayList<>();
        for (Section item : items) {
            rules.add(OutcomeRule.read(item));
        }
        return new AnswerMapping(rules);
    }

    /**
     * The rule an answer matches, or null when none does. No response (-1) and 5xx never match:
     * they are always errors.
     */
    OutcomeRule match(int status, String body) {
        if (status < 0 || status >= 500) { // as in a run, where Gatling counts 5xx as failed requests
            return null;
        }
        JsonNode json = JsonPaths.parse(body);
        for (OutcomeRule r : rules) {
            if (r.matches(status, body, json)) {
                return r;
            }
        }
        return null;
    }

    /**
     * The answer in the contract's terms; retry-after converted from the target's milliseconds
     * to simulated ones with {@code retryScale}.
     */
    TargetAnswer answer(OutcomeRule rule, String body, UnaryOperator<String> headers, double retryScale) {
        if (rule == null) {
            return TargetAnswer.ERROR;
        }
        TargetAnswer.Kind kind = rule.outcome();
        return TargetAnswer.of(kind, kind.waits() ? Math.round(rule.retryAfter().millis(body, headers) * retryScale) : 0);
    }

    /** Header names the rules' retry-after reads. */
    List<String> headers() {
        List<String> names = new ArrayList<>();
        for (OutcomeRule r : rules) {
            if (r.retryAfter() != null && r.retryAfter().header() != null && !names.contains(r.retryAfter().header())) {
                names.add(r.retryAfter().header());
            }
        }
        return names;
    }

}
