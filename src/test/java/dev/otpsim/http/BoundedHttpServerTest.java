package dev.otpsim.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.http.BoundedHttpServer.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared server's limits, seen from raw sockets on loopback with short timeouts and small caps. */
class BoundedHttpServerTest {
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(300);
    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(600);
    private static final int BODY_LIMIT = 1024;

    private BoundedHttpServer server;

    /** Answers {"path":..., "bytes":n}; {@code /boom} throws; {@code /wait} waits for {@link #release}. */
    private final CountDownLatch release = new CountDownLatch(1);

    private BoundedHttpServer start(HttpLimits limits) throws IOException {
        server = BoundedHttpServer.start("test-http", new InetSocketAddress("127.0.0.1", 0), limits, 2, request -> {
            if (request.path().equals("/boom")) {
                throw new IllegalStateException("a bug");
            }
            if (request.path().equals("/wait")) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return json(200, "{\"path\":\"" + request.path() + "\",\"bytes\":" + request.body().length + "}");
        }, (status, error, message) -> json(status, "{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}"));
        return server;
    }

    private BoundedHttpServer start() throws IOException {
        return start(HttpLimits.defaults(BODY_LIMIT).withTimeouts(REQUEST_TIMEOUT, IDLE_TIMEOUT));
    }

    private static Response json(int status, String body) {
        return Response.of(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    // ---- a tiny HTTP/1.1 client on a socket -------------------------------------------------

    private record Reply(int status, Map<String, String> headers, String body) {
    }

    private Socket connect(InetAddress from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(server.address(), 5_000);
        s.setSoTimeout(10_000); // guards against hanging only
        return s;
    }

    private Socket connect() throws IOException {
        return connect(InetAddress.getLoopbackAddress());
    }

    private static void send(Socket s, String raw) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String post(String path, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    /** Reads one response (Content-Length framed), or null when the server closed without one. */
    private static Reply read(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        String statusLine = line(in);
        if (statusLine == null) {
            return null;
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("Content-Length", "0")));
        return new Reply(Integer.parseInt(statusLine.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    /** True once the server has closed {@code s}: end of stream, or a reset. */
    private static boolean closedByServer(Socket s) throws IOException {
        try {
            return s.getInputStream().read() == -1;
        } catch (SocketException reset) {
            return true;
        }
    }

    // ---- the limits ------------------------------------------------------------------------------

    @Test
    void aRequestStalledMidBodyIsAnswered408AndClosed() throws Exception {
        start();
        try (Socket s = connect()) {
            send(s, "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n{\"half\":");
            Reply r = read(s);
            assertEquals(408, r.status());
            assertTrue(r.body().contains("\"error\":\"request_timeout\""), r.body());
            assertEquals("close", r.headers().get("Connection"));
            assertTrue(closedByServer(s));
        }
        assertEquals(1, server.timedOutConnections());
    }

    @Test
    void aConnectionThatSendsNothingIsClosedWithoutAnAnswer() throws Exception {
        start();
        try (Socket s = connect()) {
            assertTrue(closedByServer(s), "closed after the request timeout, nothing written");
        }
    }

    @Test
    void aKeptAliveConnectionServesSeveralRequestsThenIsClosedWhenIdle() throws Exception {
        start();
        try (Socket s = connect()) {
            for (int i = 0; i < 3; i++) {
                send(s, post("/n" + i, "{}"));
                Reply r = read(s);
                assertEquals(200, r.status());
                assertEquals("{\"path\":\"/n" + i + "\",\"bytes\":2}", r.body());
                assertEquals("application/json", r.headers().get("Content-Type"));
            }
            assertTrue(closedByServer(s), "idle past the idle timeout");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOneAtATime() throws Exception {
        start();
        try (Socket s = connect()) {
            StringBuilder three = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                three.append(post("/p" + i, "x".repeat(i)));
            }
            send(s, three.toString());
            for (int i = 0; i < 3; i++) {
                assertEquals("{\"path\":\"/p" + i + "\",\"bytes\":" + i + "}", read(s).body());
            }
        }
    }

    @Test
    void aBodyOverTheLimitIs413InTheServersWordsAndTheConnectionStaysUsable() throws Exception {
        start();
        try (Socket s = connect()) {
            send(s, post("/big", "x".repeat(BODY_LIMIT + 1)));
            Reply r = read(s);
            assertEquals(413, r.status());
            assertTrue(r.body().contains("\"error\":\"too_large\""), r.body());
            send(s, post("/small", "{}"));
            assertEquals(200, read(s).status());
        }
        try (Socket s = connect()) {
            send(s, "POST /chunked HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "400\r\n" + "y".repeat(1024) + "\r\n" + "1\r\nz\r\n0\r\n\r\n");
            assertEquals(413, read(s).status(), "counted while reading, not from a header");
        }
    }

    @Test
    void malformedRequestsAre400AndHeadersOverTheLimit431() throws Exception {
        start();
        try (Socket s = connect()) {
            send(s, "THIS IS NOT HTTP\r\n\r\n");
            Reply r = read(s);
            assertEquals(400, r.status());
            assertTrue(r.body().contains("bad_request"), r.body());
            assertTrue(closedByServer(s));
        }
        try (Socket s = connect()) {
            send(s, "GET /x HTTP/1.1\r\nHost: a\r\nX-Big: " + "h".repeat(HttpLimits.MAX_HEADER_BYTES) + "\r\n\r\n");
            assertEquals(431, read(s).status());
        }
    }

    @Test
    void aFailingHandlerCostsOneRequestNotTheServer() throws Exception {
        start();
        try (Socket s = connect()) {
            send(s, post("/boom", ""));
            Reply r = read(s);
            assertEquals(500, r.status());
            assertTrue(r.body().contains("IllegalStateException: a bug"), r.body());
            send(s, post("/fine", ""));
            assertEquals(200, read(s).status());
        }
    }

    @Test
    void oneClientCannotTakeEveryConnection() throws Exception {
        int perClient = 5;
        start(HttpLimits.defaults(BODY_LIMIT).withConnections(100, perClient));
        InetAddress other = InetAddress.getByName("127.0.0.2");
        List<Socket> hogs = new ArrayList<>();
        try {
            for (int i = 0; i < perClient; i++) {
                hogs.add(connect(other));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == perClient);
            try (Socket extra = connect(other)) {
                Reply r = read(extra);
                assertEquals(503, r.status());
                assertTrue(r.body().contains("too_many_connections"), r.body());
                assertEquals("1", r.headers().get("Retry-After"));
                assertTrue(closedByServer(extra));
            }
            try (Socket s = connect()) {
                send(s, post("/others", ""));
                assertEquals(200, read(s).status(), "another client is still served");
            }
            assertEquals(1, server.refusedConnections());
        } finally {
            for (Socket s : hogs) {
                s.close();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 0);
        try (Socket again = connect(other)) {
            send(again, post("/again", ""));
            assertEquals(200, read(again).status(), "the count goes down as connections close");
        }
    }

    @Test
    void theServerAsAWholeHasAConnectionLimit() throws Exception {
        start(HttpLimits.defaults(BODY_LIMIT).withConnections(3, 3));
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(connect(InetAddress.getByName("127.0.0." + (i + 2))));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 3);
            try (Socket extra = connect()) {
                assertEquals(503, read(extra).status());
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void anAnswerNobodyTakesDoesNotHoldTheConnectionForever() throws Exception {
        start();
        try (Socket s = connect()) {
            send(s, post("/wait", ""));
            // The handler waits longer than the request timeout: the connection is closed meanwhile.
            assertTrue(closedByServer(s));
        }
        assertEquals(1, server.timedOutConnections());
        await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 0);
    }
}
