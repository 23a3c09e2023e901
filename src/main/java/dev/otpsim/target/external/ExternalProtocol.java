package dev.otpsim.target.external;

import dev.otpsim.target.TargetProtocol;
import dev.otpsim.person.TargetAnswer;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * Speaks to an external target as its scenario section describes ({@link ExternalTarget}), and
 * counts the answers its mapping did not cover: each one became an {@code error}, and a run or a
 * probe shows how many and which, so the user can complete the mapping.
 *
 * <pre>{@code
 * ExternalProtocol p = new ExternalProtocol(target, 1.0);
 * TargetAnswer a = p.verifyAnswer(400, "{\"error\":\"code_expired\"}");
 * p.unmatched();   // e.g. {"verify 418" -> 2}
 * }</pre>
 */
public final class ExternalProtocol implements TargetProtocol {
    private final ExternalTarget target;
    private final double retryScale;
    private final Set<String> headers;
    private final ConcurrentHashMap<String, LongAdder> unmatched = new ConcurrentHashMap<>();

    /**
     * @param timeScale the run's time-scale; a retry-after from a target whose durations were
     *                  scaled ({@code time-scaled = true}) is multiplied by it to become simulated time
     */
    public ExternalProtocol(ExternalTarget target, double timeScale) {
        this.target = target;
        this.retryScale = target.timeScaled() ? timeScale : 1.0;
        java.util.TreeSet<String> h = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        h.addAll(target.sendOutcomes().headers());
        h.addAll(target.verifyOutcomes().headers());
        this.headers = Set.copyOf(h);
    }


    @Override
    public String baseUrl() {
        return target.baseUrl().toString();
    }

    @Override
    public ExternalRequest send() {
        return target.send();
    }

    @Override
    public ExternalRequest verify() {
        return target.verify();
    }

    @Override
    public Set<String> headersRead() {
        return headers;
    }

    @Override
    public TargetAnswer sendAnswer(int status, String body) {
        return sendAnswer(status, body, name -> null);
    }

    @Override
    public TargetAnswer verifyAnswer(int status, String body) {
        return verifyAnswer(status, body, name -> null);
    }

    @Override
    public TargetAnswer sendAnswer(int status, String body, UnaryOperator<String> header) {
        return map("send", target.sendOutcomes(), status, body, header);
    }

    @Override
    public TargetAnswer verifyAnswer(int status, String body, UnaryOperator<String> header) {
        return map("verify", target.verifyOutcomes(), status, body, header);
    }

    /** The rule a send answer matches, or null (for the probe's explanation). */
    public String explainSend(int status, String body) {
        return explain(target.sendOutcomes(), status, body);
    }

    /** The rule a verify answer matches, or null. */
    public String explainVerify(int status, String body) {
        return explain(target.verifyOutcomes(), status, body);
    }

    private static String explain(AnswerMapping mapping, int status, String body) {
        OutcomeRule r = mapping.match(status, body);
        return r == null ? null : r.describe();
    }

    private TargetAnswer map(String request, AnswerMapping mapping, int status, String body,
                             UnaryOperator<String> header) {
        OutcomeRule rule = mapping.match(status, body);
        if (rule == null) {
            // A run sees -1 for both (Gatling does not hand 5xx bodies over); the probe sees the status.
            String key = request + " " + (status < 0 ? "no response or 5xx" : Integer.toString(status));
            unmatched.computeIfAbsent(key, k -> new LongAdder()).increment();
        }
        return mapping.answer(rule, body, header, retryScale);
    }

    /**
     * Answers no rule matched (mapped to error), by request and status, e.g.
     * {@code "verify 418" -> 3}; {@code "send no response or 5xx"} counts refused or timed-out requests
     * and server errors.
     */
    public Map<String, Long> unmatched() {
        Map<String, Long> out = new TreeMap<>();
        unmatched.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
