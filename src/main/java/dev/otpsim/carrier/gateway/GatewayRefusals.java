package dev.otpsim.carrier.gateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the carrier gateway refused, counted by how it came (HTTP or SMTP), where (method and path,
 * or SMTP stage), the answer's status and its reason. A service that posts its codes to a wrong
 * path, in a shape the gateway does not read, or with no code in the text hands nothing over; a
 * run then sees people waiting for codes that never come, and only these counts say why.
 *
 * <pre>{@code
 * GatewayRefusals refused = new GatewayRefusals();
 * refused.http("POST", "/wrong/path", 404, "not_found");
 * refused.snapshot();   // [Refusal[via=http, request=POST /wrong/path, status=404, reason=not_found, count=1]]
 * Refusal.describe(refused.snapshot().get(0));   // "1 post to /wrong/path (404 not_found)"
 * }</pre>
 *
 * <p>At most {@link #MAX_KINDS} different (request, status, reason) are told apart, paths cut at
 * {@link #MAX_PATH} characters: a client trying random paths cannot grow this without bound; the
 * rest are counted under {@link #OTHER}.
 */
public final class GatewayRefusals {
    static final int MAX_KINDS = 100;
    static final int MAX_PATH = 200;
    /** The request of refusals beyond {@link #MAX_KINDS} kinds. */
    static final String OTHER = "(other requests)";
    /** The request of a refusal the HTTP server made before it had read a path (timeouts, limits). */
    public static final String BEFORE_PATH = "(before the request was read)";

    private record Kind(String via, String request, int status, String reason) {
    }

    private final ConcurrentHashMap<Kind, LongAdder> counts = new ConcurrentHashMap<>();

    /**
     * One kind of refusal and how often.
     *
     * @param via     {@code http} or {@code smtp}
     * @param request {@code POST /wrong/path} for HTTP; the SMTP stage ({@code RCPT}, {@code DATA},
     *                {@code session}) for SMTP
     * @param status  the HTTP status or SMTP reply code
     * @param reason  a short word: {@code not_found}, {@code no_code}, {@code malformed_json}, ...
     * @param count   how many times
     */
    public record Refusal(String via, String request, int status, String reason, long count) {
        /** In words: "50 posts to /wrong/path (404 not_found)", "3 SMTP messages at DATA (554 no_code)". */
        public static String describe(Refusal r) {
            String n = String.format(Locale.ROOT, "%,d", r.count());
            if (r.via().equals("smtp")) {
                return n + " SMTP " + (r.count() == 1 ? "message" : "messages") + " at " + r.request() + " ("
                        + r.status() + " " + r.reason() + ")";
            }
            int space = r.request().indexOf(' ');
            String what;
            if (r.request().equals(OTHER)) {
                what = r.count() == 1 ? "other request" : "other requests";
            } else if (r.request().equals(BEFORE_PATH) || space < 0) {
                what = (r.count() == 1 ? "request" : "requests") + " refused before they were read";
            } else {
                String method = r.request().substring(0, space);
                String path = r.request().substring(space + 1);
                what = (method.equals("POST") ? (r.count() == 1 ? "post" : "posts")
                        : method + (r.count() == 1 ? " request" : " requests")) + " to " + path;
            }
            return n + " " + what + " (" + r.status() + " " + r.reason() + ")";
        }

        /** Several in words, the most frequent first: "50 posts to /x (404 not_found); 2 ...". */
        public static String describe(List<Refusal> refusals) {
            StringBuilder b = new StringBuilder();
            for (Refusal r : refusals) {
                if (b.length() > 0) {
                    b.append("; ");
                }
                b.append(describe(r));
            }
            return b.toString();
        }
    }

    /** An HTTP request the gateway answered {@code status} (4xx or 5xx) and handed nothing over. */
    public void http(String method, String path, int status, String reason) {
        String p = path == null ? "" : path.length() > MAX_PATH ? path.substring(0, MAX_PATH) + "…" : path;
        count(new Kind("http", method == null ? BEFORE_PATH : method + " " + p, status, reason));
    }

    /** A refusal of the HTTP server itself, before a request was complete (timeout, too large, too many connections). */
    public void httpServer(int status, String reason) {
        count(new Kind("http", BEFORE_PATH, status, reason));
    }

    /** An SMTP refusal: {@code stage} is {@code RCPT}, {@code DATA} or {@code session}. */
    public void smtp(String stage, int code, String reason) {
        count(new Kind("smtp", stage, code, reason));
    }

    private void count(Kind k) {
        LongAdder n = counts.get(k);
        if (n == null) {
            Kind key = counts.size() < MAX_KINDS ? k : new Kind(k.via(), OTHER, k.status(), k.reason());
            n = counts.computeIfAbsent(key, x -> new LongAdder());
        }
        n.increment();
    }

    /** Every kind counted so far, the most frequent first. */
    public List<Refusal> snapshot() {
        List<Refusal> out = new ArrayList<>();
        counts.forEach((k, n) -> out.add(new Refusal(k.via(), k.request(), k.status(), k.reason(), n.sum())));
        out.sort(Comparator.comparingLong(Refusal::count).reversed().thenComparing(Refusal::via)
                .thenComparing(Refusal::request).thenComparingInt(Refusal::status).thenComparing(Refusal::reason));
        return out;
    }

    /** All refusals so far. */
    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
