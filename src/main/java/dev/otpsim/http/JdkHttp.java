package dev.otpsim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/**
 * What otpsim's two HTTP servers (the reference target and the carrier gateway) share on the
 * JDK's {@link HttpServer}.
 *
 * <p>The JDK server leaves Nagle's algorithm on unless {@code sun.net.httpserver.nodelay} is set
 * before its first use: small JSON answers then wait for the client's delayed ACK, about 40 ms on
 * Linux — measured by {@code otpsim bench} as a flat 49 ms request p99 at any load, which at
 * time-scale 60 is three simulated seconds added to every request.
 */
public final class JdkHttp {
    static {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private JdkHttp() {
    }

    /** A server bound to {@code address}, with TCP_NODELAY on its connections. */
    public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        return HttpServer.create(address, backlog);
    }

    /** Sends {@code body} with {@code status} and closes the exchange's body. */
    public static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
