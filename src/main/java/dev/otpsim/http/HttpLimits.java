package dev.otpsim.http;

import java.time.Duration;

/**
 * What one connection to a {@link BoundedHttpServer} may take, so that no client — slow, stalled,
 * or hostile — can hold the server: time to send a request, time a kept-alive connection may sit
 * idle, connections in all and per client address, and the size of headers and body.
 *
 * <pre>{@code
 * HttpLimits limits = HttpLimits.defaults(16 * 1024);                       // the target's body limit
 * HttpLimits strict = limits.withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(1));   // in a test
 * }</pre>
 *
 * @param requestTimeout          a request must arrive complete (headers and body) within this time of
 *                                its first byte (of the connection's opening, for the first request),
 *                                and its answer must be taken within the same time; else the
 *                                connection is closed (with a 408 when part of a request had arrived)
 * @param idleTimeout             a kept-alive connection with no request under way is closed after this
 * @param maxConnections          connections open at once; more are answered 503 and closed
 * @param maxConnectionsPerClient connections open at once from one client address; more are answered
 *                                503 and closed, so one client cannot take every connection
 * @param maxHeaderBytes          request line and headers together; more is answered 431 (414 for the line)
 * @param maxBodyBytes            request body; more is answered 413
 */
public record HttpLimits(Duration requestTimeout, Duration idleTimeout, int maxConnections,
                         int maxConnectionsPerClient, int maxHeaderBytes, int maxBodyBytes) {

    /** Long enough for any real client on a busy machine, short enough that a stalled one soon lets go. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** As the JDK server's default idle interval, and shorter than Gatling's pooled-connection idle timeout. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** Well below a default descriptor limit; each connection holds at most one request's buffers. */
    public static final int MAX_CONNECTIONS = 2048;
    /** Gatling sharing its connections opens about as many as it has requests in flight: tens, not hundreds. */
    public static final int MAX_CONNECTIONS_PER_CLIENT = 512;
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    public HttpLimits {
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, got " + requestTimeout);
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
        }
        if (maxConnections < 1 || maxConnectionsPerClient < 1 || maxConnectionsPerClient > maxConnections) {
            throw new IllegalArgumentException("need 1 <= maxConnectionsPerClient <= maxConnections, got "
                    + maxConnectionsPerClient + " and " + maxConnections);
        }
        if (maxHeaderBytes < 1024 || maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxHeaderBytes must be at least 1024 and maxBodyBytes positive, got "
                    + maxHeaderBytes + " and " + maxBodyBytes);
        }
    }

    /** The defaults above with a body limit of {@code maxBodyBytes}. */
    public static HttpLimits defaults(int maxBodyBytes) {
        return new HttpLimits(REQUEST_TIMEOUT, IDLE_TIMEOUT, MAX_CONNECTIONS, MAX_CONNECTIONS_PER_CLIENT,
                MAX_HEADER_BYTES, maxBodyBytes);
    }

    public HttpLimits withTimeouts(Duration request, Duration idle) {
        return new HttpLimits(request, idle, maxConnections, maxConnectionsPerClient, maxHeaderBytes, maxBodyBytes);
    }

    public HttpLimits withConnections(int total, int perClient) {
        return new HttpLimits(requestTimeout, idleTimeout, total, perClient, maxHeaderBytes, maxBodyBytes);
    }
}
