package dev.otpsim.target.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigValueType;
import dev.otpsim.person.TargetAnswer;
import dev.otpsim.config.Section;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One line of an outcome mapping: when an answer matches every condition given, it means
 * {@code outcome}. Conditions: the status ({@code 400}, {@code [200, 201]}, {@code "4xx"}), a JSON
 * field ({@code json { field = "error", equals = "code_expired" }}; without {@code equals} the
 * field only has to be there), a regular expression found in the body ({@code body = "expired"}).
 *
 * <pre>
 * { status = 400, json { field = "error", equals = "code_expired" }, outcome = expired }
 * { status = 429, outcome = rate-limited, retry-after { json = "retry_in_s", unit = 1s } }
 * </pre>
 *
 * @param statuses   status ranges {@code [from, to]} inclusive; empty = any status
 * @param jsonField  dotted path of a JSON field, or null
 * @param jsonEquals the field's required value as text, or null for "present"
 * @param bodyPattern found anywhere in the body, or null
 * @param outcome    what the answer means
 * @param retryAfter for locked and rate-limited: how long to wait
 */
public record OutcomeRule(List<int[]> statuses, String jsonField, String jsonEquals, Pattern bodyPattern,
                          TargetAnswer.Kind outcome, RetryAfter retryAfter) {

    static final Map<String, TargetAnswer.Kind> OUTCOMES = new LinkedHashMap<>();

    static {
        for (TargetAnswer.Kind k : TargetAnswer.Kind.values()) {
            OUTCOMES.put(k.id(), k);
        }
    }

    /** {@code status = 200} style rule with no other condition. */
    static OutcomeRule status(int from, int to, TargetAnswer.Kind outcome) {
        return new OutcomeRule(List.<int[]>of(new int[] {from, to}), null, null, null, outcome,
                outcome == TargetAnswer.Kind.LOCKED || outcome == TargetAnswer.Kind.RATE_LIMITED
                        ? RetryAfter.STANDARD : null);
    }

    static OutcomeRule read(Section s) {
        List<int[]> statuses = statuses(s);
        String field = null;
        String equals = null;
        if (s.has("json")) {
            Section j = s.section("json");
            field = j.string("field", null);
            if (j.has("equals")) {
                equals = j.string("equals", null);
            }
            j.finish();
        }
        Pattern body = null;
        String regex = s.has("body") ? s.string("body", "") : null;
        if (regex != null) {
            try {
                body = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                s.problem("body", "not a valid regular expression: " + e.getDescription() + " near index "
                        + e.getIndex());
            }
        }
        TargetAnswer.Kind outcome = s.choice("outcome", OUTCOMES, null);
        boolean waits = outcome == TargetAnswer.Kind.LOCKED || outcome == TargetAnswer.Kind.RATE_LIMITED;
        RetryAfter retryAfter = null;
        if (s.has("retry-after")) {
            if (!waits && outcome != null) {
                s.problem("retry-after", "only a locked or rate-limited outcome waits; this rule's outcome is "
                        + outcome.id());
            }
            retryAfter = RetryAfter.read(s, "retry-after");
        } else if (waits) {
            retryAfter = RetryAfter.STANDARD;
        }
        if (outcome != null && outcome != TargetAnswer.Kind.ERROR) {
            for (int[] r : statuses) {
                if (r[0] >= 500) {
                    // The load driver treats 5xx as failed requests (Gatling's KO) and never reads them.
                    s.problem("status", "a 5xx answer is always an error (a failed request in the run); "
                            + "only 1xx-4xx statuses can mean " + outcome.id());
                    break;
                }
            }
        }
        if (statuses.isEmpty() && field == null && body == null && regex == null) {
            s.problem("a rule needs at least one condition: status, json { field ... } or body");
        }
        s.finish();
        return new OutcomeRule(statuses, field, equals, body, outcome == null ? TargetAnswer.Kind.ERROR : outcome,
                retryAfter);
    }

    private static List<int[]> statuses(Section s) {
        List<int[]> out = new ArrayList<>();
        ConfigValueType type = s.type("status");
        if (type == ConfigValueType.NULL) {
            return out;
        }
        List<String> items = type == ConfigValueType.LIST ? s.strings("status") : List.of(s.string("status", ""));
        for (String item : items) {
            String t = item.trim().toLowerCase(java.util.Locale.ROOT);
            if (t.matches("[1-5]xx")) {
                int h = (t.charAt(0) - '0') * 100;
                out.add(new int[] {h, h + 99});
            } else if (t.matches("[1-5]\\d\\d")) {
                int code = Integer.parseInt(t);
                out.add(new int[] {code, code});
            } else {
                s.problem("status", "expected a status code (400), a class (\"4xx\") or a list of them, got "
                        + item);
            }
        }
        return out;
    }

    /** Whether this rule matches; {@code json} is the parsed body or null. */
    boolean matches(int status, String body, JsonNode json) {
        if (!statuses.isEmpty()) {
            boolean any = false;
            for (int[] r : statuses) {
                any |= status >= r[0] && status <= r[1];
            }
            if (!any) {
                return false;
            }
        }
        if (jsonField != null) {
            JsonNode v = json == null ? null : JsonPaths.find(json, jsonField);
            if (v == null || (jsonEquals != null && !jsonEquals.equals(v.isValueNode() ? v.asText() : v.toString()))) {
                return false;
            }
        }
        return bodyPattern == null || (body != null && bodyPattern.matcher(body).find());
    }

    /** The rule as one line, for probes and docs. */
    String describe() {
        List<String> c = new ArrayList<>();
        if (!statuses.isEmpty()) {
            List<String> s = new ArrayList<>();
            for (int[] r : statuses) {
                s.add(r[0] == r[1] ? Integer.toString(r[0]) : (r[1] - r[0] == 99 ? (r[0] / 100) + "xx"
                        : Arrays.toString(r)));
            }
            c.add("status " + String.join("|", s));
        }
        if (jsonField != null) {
            c.add("json " + jsonField + (jsonEquals == null ? " present" : " = \"" + jsonEquals + "\""));
        }
        if (bodyPattern != null) {
            c.add("body ~ /" + bodyPattern.pattern() + "/");
        }
        return String.join(", ", c) + " → " + outcome.id()
                + (retryAfter == null ? "" : " (retry after: " + retryAfter.describe() + ")");
    }
}
