package dev.otpsim.security;

import dev.otpsim.person.TargetAnswer;

/**
 * One answer of the target as a probe saw it.
 *
 * @param status  HTTP status, -1 when no answer came
 * @param body    the body as received (null without an answer)
 * @param answer  what the scenario's mapping (or the reference contract) makes of it
 * @param shape   {@link AnswerShape}: the answer with per-person and per-moment details blanked
 * @param nanos   real time from sending to the whole answer
 * @param failure why no answer came, else null
 */
record Reply(int status, String body, TargetAnswer answer, String shape, long nanos, String failure) {
    private static final int SHOWN_BODY = 160;

    boolean accepted() {
        return answer.kind() == TargetAnswer.Kind.ACCEPTED;
    }

    TargetAnswer.Kind kind() {
        return answer.kind();
    }

    /** The shape and what it means, e.g. {@code 401 {"error":"invalid"} → invalid}: how tallies count answers. */
    String label() {
        return shape + " → " + answer.kind().id();
    }

    /** The answer as received, shortened, with its meaning: for evidence of single requests. */
    String describe() {
        if (status < 0) {
            return "no answer (" + failure + ")";
        }
        String b = body == null ? "" : body.replace("\r", "").replace("\n", " ").strip();
        if (b.length() > SHOWN_BODY) {
            b = b.substring(0, SHOWN_BODY) + "…";
        }
        return (b.isEmpty() ? Integer.toString(status) : status + " " + b) + " → " + answer.kind().id();
    }

    /** How many answers of each {@link #label()}, in the order first seen: the answers a burst got, at a glance. */
    static java.util.Map<String, Integer> tally(java.util.Collection<Reply> replies) {
        java.util.Map<String, Integer> t = new java.util.LinkedHashMap<>();
        for (Reply r : replies) {
            t.merge(r.label(), 1, Integer::sum);
        }
        return t;
    }

    static long count(java.util.Collection<Reply> replies, java.util.function.Predicate<Reply> which) {
        return replies.stream().filter(which).count();
    }
}
