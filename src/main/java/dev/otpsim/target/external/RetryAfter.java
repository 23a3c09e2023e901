package dev.otpsim.target.external;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otpsim.config.Section;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Where a locked or rate-limited answer says how long to wait, in the target's own time:
 *
 * <pre>
 * retry-after = 30m                                   # always this long
 * retry-after { header = Retry-After }                # HTTP's header, in seconds (the default source)
 * retry-after { json = "retry_in_s", unit = 1s }      # a number in the body (dotted path), times unit
 * retry-after { json = "lock.ms", unit = 1ms, default = 5m }
 * </pre>
 * {@code default} (1 s unless given) stands in when the header or field is absent or not a number,
 * so a person never waits forever on an answer the target forgot to explain.
 *
 * @param header  response header holding seconds, or null
 * @param jsonPath dotted path of a number in the JSON body, or null
 * @param unit    what one unit of the JSON number is
 * @param fallback used when the source is absent or unreadable (and the only value when both are null)
 */
public record RetryAfter(String header, String jsonPath, Duration unit, Duration fallback) {
    static final Duration DEFAULT_FALLBACK = Duration.ofSeconds(1);

    /** The standard {@code Retry-After} header, else 1 s. */
    public static final RetryAfter STANDARD = new RetryAfter("Retry-After", null, Duration.ofSeconds(1),
            DEFAULT_FALLBACK);

    static RetryAfter read(Section rule, String key) {
        switch (rule.type(key)) {
            case OBJECT -> {
                Section s = rule.section(key);
                String header = s.has("header") ? s.string("header", "") : null;
                String json = s.has("json") ? s.string("json", "") : null;
                Duration unit = s.positiveDuration("unit", Duration.ofSeconds(1));
                Duration fallback = s.duration("default", DEFAULT_FALLBACK);
                if (header != null && json != null) {
                    s.problem("json", "give header or json, not both");
                }
                if (s.has("unit") && json == null) {
                    s.problem("unit", "only a json number has a unit; a Retry-After header is in seconds");
                }
                s.finish();
                return new RetryAfter(header, json, unit.isZero() ? Duration.ofSeconds(1) : unit, fallback);
            }
            case NULL -> {
                return STANDARD;
            }
            default -> {
                Duration fixed = rule.duration(key, DEFAULT_FALLBACK);
                return new RetryAfter(null, null, Duration.ofSeconds(1), fixed);
            }
        }
    }

    /** How long to wait, in the target's milliseconds. */
    long millis(String body, UnaryOperator<String> headers) {
        if (header != null) {
            String v = headers.apply(header);
            if (v != null) {
                try {
                    return Math.max(0, Math.round(Double.parseDouble(v.trim()) * 1000));
                } catch (NumberFormatException e) {
                    // An HTTP-date Retry-After is legal but rare for OTP services: use the fallback.
                }
            }
        } else if (jsonPath != null) {
            JsonNode n = JsonPaths.find(JsonPaths.parse(body), jsonPath);
            if (n != null && (n.isNumber() || (n.isTextual() && isNumber(n.textValue())))) {
                double units = n.isNumber() ? n.asDouble() : Double.parseDouble(n.textValue().trim());
                return Math.max(0, Math.round(units * unit.toNanos() / 1e6));
            }
        }
        return fallback.toMillis();
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    String describe() {
        if (header != null) {
            return "header " + header + " (s), else " + fallback.toMillis() + " ms";
        }
        if (jsonPath != null) {
            return "json " + jsonPath + " × " + unit.toMillis() + " ms, else " + fallback.toMillis() + " ms";
        }
        return fallback.toMillis() + " ms";
    }
}
