package dev.otpsim.target.external;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OTP service shaped nothing like otpsim's reference contract, standing in for a user's own:
 * form bodies, its own paths, {@code 400} with a JSON {@code error} for both a wrong and an
 * expired code, {@code 403} after three failures (and the code is then deleted), {@code 429}
 * with {@code retry_in_s} when asked again within a second. Only the latest code is valid.
 * It hands its codes to a carrier gateway either Twilio-style (HTTP form) or by SMTP, the way a
 * real service uses its providers.
 *
 * <p>It keeps its own tally of what it judged, so tests can check otpsim's ledger against it:
 * a submission of a code it had issued to that person but since replaced is "stale" in its eyes.
 */
final class ForeignOtpService implements AutoCloseable {
    /** How codes are handed to the gateway; {@code WRONG_PATH} is a misconfigured provider URL (a JSON post the gateway answers 404). */
    enum Delivery { TWILIO, SMTP, WRONG_PATH }

    static final int MAX_FAILURES = 3;
    static final long COOLDOWN_MILLIS = 1_000;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Delivery delivery;
    private final String field;
    private final int gatewayPort;
    private final String alsoNotify;
    private final Duration ttl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Account> accounts = new HashMap<>();
    private boolean notifiedOnce;

    final AtomicInteger codesSent = new AtomicInteger();
    final AtomicInteger staleRejected = new AtomicInteger();
    final AtomicInteger neverIssuedRejected = new AtomicInteger();
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger deliveryFailures = new AtomicInteger();
    /** Codes it burned after three strikes (answered 403), and answers "no active code" after a burn (400). */
    final AtomicInteger burned = new AtomicInteger();
    final AtomicInteger noActiveCode = new AtomicInteger();
    /** Raw query strings of verify requests, to check per-person paths. */
    final List<String> verifyQueries = java.util.Collections.synchronizedList(new ArrayList<>());

    private static final class Account {
        final List<String> issued = new ArrayList<>();
        String current;
        long currentIssuedAt;
        long lastSendAt = Long.MIN_VALUE / 2;
        int failures;
    }

    /**
     * @param field      the form field naming the person ({@code phone} or {@code email})
     * @param alsoNotify an address otpsim's people do not have: the first code also goes there,
     *                   as some services copy an audit inbox (null for none)
     */
    ForeignOtpService(Delivery delivery, String field, int gatewayPort, String alsoNotify, Duration ttl)
            throws IOException {
        this.delivery = delivery;
        this.field = field;
        this.gatewayPort = gatewayPort;
        this.alsoNotify = alsoNotify;
        this.ttl = ttl;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(executor);
        server.createContext("/api/otp/request", ex -> handle(ex, true));
        server.createContext("/api/otp/check", ex -> handle(ex, false));
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex, boolean send) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("POST")
                    || !String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")).startsWith(
                            "application/x-www-form-urlencoded")) {
                reply(ex, 415, "{\"error\":\"form_posts_only\"}");
                return;
            }
            Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String who = form.get(field);
            if (who == null || who.isBlank()) {
                reply(ex, 422, "{\"error\":\"missing_" + field + "\"}");
                return;
            }
            if (send) {
                requestCode(ex, who);
                return;
            }
            if (ex.getRequestURI().getRawQuery() != null) {
                verifyQueries.add(ex.getRequestURI().getRawQuery());
            }
            check(ex, who, form.getOrDefault("otp", ""));
        } catch (RuntimeException e) {
            reply(ex, 500, "{\"error\":\"internal\"}");
        }
    }

    private void requestCode(HttpExchange ex, String who) throws IOException {
        String code;
        synchronized (accounts) {
            Account a = accounts.computeIfAbsent(who, k -> new Account());
            long now = System.currentTimeMillis();
            if (now - a.lastSendAt < COOLDOWN_MILLIS) {
                reply(ex, 429, "{\"error\":\"slow_down\",\"retry_in_s\":1}");
                return;
            }
            code = String.format("%06d", random.nextInt(1_000_000));
            a.lastSendAt = now;
            a.current = code; // latest-only: the previous code stops working
            a.currentIssuedAt = now;
            a.failures = 0;
            a.issued.add(code);
        }
        // Hand over before answering, like a service calling its SMS API in the request.
        deliver(who, code);
        if (alsoNotify != null && !notifiedOnce) {
            notifiedOnce = true;
            deliver(alsoNotify, code);
        }
        codesSent.incrementAndGet();
        reply(ex, 200, "{\"sent\":true}");
    }

    private void check(HttpExchange ex, String who, String otp) throws IOException {
        int status;
        String body;
        synchronized (accounts) {
            Account a = accounts.computeIfAbsent(who, k -> new Account());
            boolean superseded = a.issued.contains(otp) && !otp.equals(a.issued.get(a.issued.size() - 1));
            boolean neverIssued = !a.issued.contains(otp);
            if (a.current != null && a.current.equals(otp)) {
                if (System.currentTimeMillis() - a.currentIssuedAt >= ttl.toMillis()) {
                    status = 400;
                    body = "{\"error\":\"code_expired\"}";
                } else {
                    a.current = null;
                    accepted.incrementAndGet();
                    status = 200;
                    body = "{\"verified\":true}";
                }
            } else if (a.current == null) {
                status = 400;
                body = "{\"error\":\"no_active_code\"}";
                noActiveCode.incrementAndGet();
            } else if (++a.failures >= MAX_FAILURES) {
                a.current = null; // three strikes: the code is deleted, ask for a new one
                burned.incrementAndGet();
                status = 403;
                body = "{\"error\":\"too_many_attempts\"}";
            } else {
                status = 400;
                body = "{\"error\":\"invalid_code\"}";
            }
            if (status == 400 && superseded) {
                staleRejected.incrementAndGet();
            }
            if (status == 400 && neverIssued) {
                neverIssuedRejected.incrementAndGet();
            }
        }
        reply(ex, status, body);
    }

    private void deliver(String to, String code) {
        String text = "Your Foreign Corp sign-in code is " + code + ". Do not share it.";
        try {
            if (delivery == Delivery.WRONG_PATH) {
                String json = "{\"channel\":\"sms\",\"to\":\"" + to + "\",\"body\":\"" + text + "\"}";
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort
                                + "/wrong/path")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 202) {
                    deliveryFailures.incrementAndGet();
                }
            } else if (delivery == Delivery.TWILIO) {
                String form = "To=" + enc(to) + "&From=" + enc("+15005550006") + "&Body=" + enc(text);
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort
                                + "/2010-04-01/Accounts/ACforeign/Messages.json"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) {
                    deliveryFailures.incrementAndGet();
                }
            } else {
                smtp(to, text);
            }
        } catch (IOException e) {
            deliveryFailures.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One SMTP transaction, spoken by hand (no mail library on the classpath). */
    private void smtp(String to, String text) throws IOException {
        try (Socket s = new Socket("127.0.0.1", gatewayPort)) {
            s.setSoTimeout(5_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII);
            expect(in, "220");
            command(out, in, "HELO foreign.test", "250");
            command(out, in, "MAIL FROM:<no-reply@foreign.test>", "250");
            command(out, in, "RCPT TO:<" + to + ">", "250");
            command(out, in, "DATA", "354");
            command(out, in, "From: no-reply@foreign.test\r\nTo: " + to + "\r\nSubject: Your code\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n.", "250");
            command(out, in, "QUIT", "221");
        }
    }

    private void command(Writer out, BufferedReader in, String line, String expected) throws IOException {
        out.write(line + "\r\n");
        out.flush();
        expect(in, expected);
    }

    private void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("SMTP server closed the connection");
            }
        } while (line.length() > 3 && line.charAt(3) == '-'); // multi-line reply
        if (!line.startsWith(code)) {
            deliveryFailures.incrementAndGet();
            throw new IOException("SMTP: expected " + code + ", got " + line);
        }
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
