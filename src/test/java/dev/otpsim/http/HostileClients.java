package dev.otpsim.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Clients that misbehave on purpose against a server on loopback: each opens a connection, sends
 * the start of a request (or nothing, or garbage) and then neither finishes nor goes away.
 *
 * <pre>{@code
 * try (HostileClients stalled = new HostileClients(server)) {
 *     stalled.open(HostileClients.Stall.MID_BODY, 50);
 *     // ... a normal request must still be answered ...
 * }
 * }</pre>
 */
public final class HostileClients implements AutoCloseable {

    /** Where a connection stops. */
    public enum Stall {
        /** Connects and sends nothing. */
        IDLE,
        /**
         * Sends the request line and a complete header line, but never the blank line that ends the
         * headers (the JDK server leaked a descriptor for each such connection closed by the client).
         */
        MID_HEADERS,
        /** Sends complete headers announcing 100 bytes of body, then 10 of them. */
        MID_BODY,
        /** Sends chunked headers and the first digit of a chunk size. */
        MID_CHUNK_SIZE,
        /** Sends 512 bytes that are not HTTP and contain no line end. */
        GARBAGE;

        /** What a client stalling this way sends to {@code path}. */
        public byte[] bytes(String path) {
            return switch (this) {
                case IDLE -> new byte[0];
                case MID_HEADERS -> ascii("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n");
                case MID_BODY -> ascii("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100\r\n\r\n{\"user\":\"u");
                case MID_CHUNK_SIZE -> ascii("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n1");
                case GARBAGE -> garbage();
            };
        }
    }

    private final InetSocketAddress server;
    private final String path;
    private final List<Socket> open = new ArrayList<>();

    /** Hostile clients of {@code server}, asking for {@code path} where a request line is sent. */
    public HostileClients(InetSocketAddress server, String path) {
        this.server = server;
        this.path = path;
    }

    /** Opens {@code count} connections from 127.0.0.1 that stall as {@code kind}; they stay open until {@link #close}. */
    public HostileClients open(Stall kind, int count) throws IOException {
        return open(kind, count, InetAddress.getLoopbackAddress());
    }

    /** As {@link #open(Stall, int)}, from the loopback address {@code from} (e.g. 127.0.0.2 to be another client). */
    public HostileClients open(Stall kind, int count, InetAddress from) throws IOException {
        byte[] bytes = kind.bytes(path);
        for (int i = 0; i < count; i++) {
            Socket s = new Socket();
            open.add(s);
            s.bind(new InetSocketAddress(from, 0));
            s.connect(server, 5_000);
            if (bytes.length > 0) {
                OutputStream out = s.getOutputStream();
                out.write(bytes);
                out.flush();
            }
        }
        return this;
    }

    /** Opens a connection stalling as {@code kind} and closes it at once, {@code count} times. */
    public void openAndClose(Stall kind, int count) throws IOException {
        byte[] bytes = kind.bytes(path);
        for (int i = 0; i < count; i++) {
            try (Socket s = new Socket()) {
                s.connect(server, 5_000);
                if (bytes.length > 0) {
                    s.getOutputStream().write(bytes);
                }
            }
        }
    }

    /** Connections opened and not yet closed. */
    public List<Socket> sockets() {
        return open;
    }

    @Override
    public void close() {
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // already gone: what we wanted
            }
        }
        open.clear();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] garbage() {
        byte[] b = new byte[512];
        new Random(7).nextBytes(b);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\r' || b[i] == '\n') {
                b[i] = 'x';
            }
        }
        return b;
    }
}
