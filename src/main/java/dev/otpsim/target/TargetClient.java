package dev.otpsim.target;

import dev.otpsim.handset.Channel;
import dev.otpsim.http.NoAnswer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Sends one request of a {@link TargetProtocol} (the reference contract or an external target's
 * own shape) over {@link HttpClient}, outside Gatling, and hands back the raw answer. Redirects
 * are never followed: a 3xx is an answer like any other, so a target cannot send otpsim's
 * traffic to a host the loopback guard did not allow.
 *
 * <pre>{@code
 * TargetClient client = new TargetClient(protocol, Duration.ofSeconds(10));
 * TargetClient.Response r = client.exchange(protocol.send(), who, Channel.SMS, null);
 * TargetAnswer a = protocol.sendAnswer(r.status(), r.body(), r.header());
 * }</pre>
 */
public final class TargetClient {
    private final TargetProtocol protocol;
    private final Duration timeout;
    private final HttpClient http;

    /** A client with its own {@link HttpClient}: HTTP/1.1, no redirects, {@code timeout} to connect and per request. */
    public TargetClient(TargetProtocol protocol, Duration timeout) {
        this.protocol = protocol;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance with a plain-HTTP service
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    /**
     * The answer as received: status (-1 when none came), body, headers by case-insensitive name,
     * how long it took (real nanoseconds, from just before sending) and, without an answer, why.
     */
    public record Response(int status, String body, Map<String, String> headers, long nanos, String failure) {
        /** The first value of a header, or null: what {@code TargetProtocol}'s three-argument mappings read. */
        public UnaryOperator<String> header() {
            return headers::get;
        }
    }

    public TargetProtocol protocol() {
        return protocol;
    }

    /** The full URL of a request for this person (and code, in a verify). */
    public String url(TargetProtocol.Request r, TargetProtocol.Identity who, Channel channel, String code) {
        return protocol.baseUrl() + r.path(who, channel, code);
    }

    /** Sends {@code r} for {@code who}; never throws for a missing or failed answer (status -1, {@code failure} says why). */
    public Response exchange(TargetProtocol.Request r, TargetProtocol.Identity who, Channel channel, String code)
            throws InterruptedException {
        String body = r.body(who, channel, code);
        long start = System.nanoTime();
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(r, who, channel, code))).timeout(timeout)
                    .method(r.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (r.contentType() != null) {
                b.header("Content-Type", r.contentType());
            }
            b.header("Accept", "application/json");
            r.headers().forEach(b::header);
            HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            resp.headers().map().forEach((k, v) -> headers.put(k, v.isEmpty() ? null : v.get(0)));
            return new Response(resp.statusCode(), resp.body(), headers, System.nanoTime() - start, null);
        } catch (IOException | IllegalArgumentException e) {
            return new Response(-1, null, Map.of(), System.nanoTime() - start, describe(e));
        }
    }

    /** One readable phrase for a request that got no answer: the JDK's exceptions often carry no message. */
    static String describe(Exception e) {
        String reason = NoAnswer.reason(e);
        return reason.equals(NoAnswer.REFUSED) ? reason + " (is the target running?)" : reason;
    }
}
