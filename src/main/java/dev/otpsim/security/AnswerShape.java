package dev.otpsim.security;

import dev.otpsim.target.TargetProtocol;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * An answer with everything that differs between two people or two moments blanked: the status
 * and the body, with the person's identity replaced by {@code {who}} and every word holding a
 * digit (counts, retry times, request ids, timestamps) by {@code #}. Two answers of the same
 * shape say the same thing.
 *
 * <p>The probes count a wrong guess as <em>evaluated</em> when it gets exactly the shape a first
 * wrong guess gets, and compare the shapes a known and an unknown user get.
 *
 * <pre>{@code
 * AnswerShape.of(423, "{\"error\":\"locked\",\"retryAfterMs\":1799000}", who)  // 423 {"error":"locked","retryAfterMs":#}
 * }</pre>
 */
final class AnswerShape {
    /** A word with a digit in it: numbers, hex ids, UUIDs, ISO timestamps' parts. */
    private static final Pattern WITH_DIGIT = Pattern.compile("[A-Za-z0-9_-]*[0-9][A-Za-z0-9_.:-]*");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    /** Bodies are compared on their first characters only: a shape is a label, not a copy. */
    static final int MAX_BODY = 600;

    private AnswerShape() {
    }

    static String of(int status, String body, TargetProtocol.Identity who) {
        if (status < 0) {
            return "no answer";
        }
        String b = body == null ? "" : body;
        if (b.length() > 4 * MAX_BODY) {
            b = b.substring(0, 4 * MAX_BODY);
        }
        // The longer text first: a user "u-1" must not eat part of an address "u-17@example.test".
        String a = who.address();
        String u = who.user();
        for (String id : a.length() >= u.length() ? new String[] {a, u} : new String[] {u, a}) {
            b = blank(b, id);
        }
        b = WITH_DIGIT.matcher(b).replaceAll("#");
        b = SPACE.matcher(b).replaceAll(" ").trim();
        if (b.length() > MAX_BODY) {
            b = b.substring(0, MAX_BODY) + "…";
        }
        return b.isEmpty() ? Integer.toString(status) : status + " " + b;
    }

    /** Replaces the identity as written, JSON-escaped and URL-encoded (how services echo it). */
    private static String blank(String body, String id) {
        if (id.isEmpty()) {
            return body;
        }
        String json = id.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/");
        String url = URLEncoder.encode(id, StandardCharsets.UTF_8);
        return body.replace(id, "{who}").replace(json, "{who}").replace(url, "{who}");
    }
}
