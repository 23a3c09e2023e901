package dev.otpsim.http;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a request to the target got no usable answer, in a few words a person can act on:
 * {@code connection refused}, {@code connection timed out}, {@code no answer within the request
 * timeout}, {@code answered 503}, ... Read from an exception (the JDK client of {@code probe}) or
 * from the failure message Gatling reports for a request.
 *
 * <pre>{@code
 * NoAnswer.reason("i.n.c.AbstractChannel$AnnotatedConnectException: Connection refused: /127.0.0.1:9000");
 * // "connection refused"
 * NoAnswer.reason("status.find.lt(500), but actually found 503");   // "answered 503"
 * }</pre>
 */
public final class NoAnswer {
    public static final String REFUSED = "connection refused";
    public static final String CONNECT_TIMEOUT = "connection timed out";
    public static final String REQUEST_TIMEOUT = "no answer within the request timeout";
    public static final String CLOSED = "connection closed without an answer";
    public static final String UNKNOWN_HOST = "unknown host";
    /** A request whose failure was not reported (the count of unanswered requests exceeds the reasons told). */
    public static final String UNREPORTED = "no answer (reason not reported)";

    private static final Pattern SERVER_ERROR = Pattern.compile("(?:found|^answered) (5\\d\\d)");
    private static final int MAX_CHARS = 120;

    private NoAnswer() {
    }

    /**
     * The reason in a failure message, or the message itself (shortened) when it is none of the
     * known ones. A reason given back (with or without a hint after it) is that reason again.
     */
    public static String reason(String failure) {
        if (failure == null || failure.isBlank()) {
            return UNREPORTED;
        }
        String f = failure.toLowerCase(Locale.ROOT);
        Matcher server = SERVER_ERROR.matcher(failure);
        if (server.find()) {
            return "answered " + server.group(1);
        }
        if (f.contains("connection refused") || f.contains("connectexception")) {
            return REFUSED;
        }
        if (f.contains("connecttimeout") || f.contains("connection timed out") || f.contains("connect timed out")) {
            return CONNECT_TIMEOUT;
        }
        if (f.contains("request timeout") || f.contains("requesttimeout") || f.contains("httptimeout")
                || f.contains("timed out") || f.contains("read timeout")) {
            return REQUEST_TIMEOUT;
        }
        if (f.contains("unknownhost") || f.contains("unknown host") || f.contains("unresolved")
                || f.contains("name or service not known")) {
            return UNKNOWN_HOST;
        }
        if (f.startsWith(UNREPORTED)) {
            return UNREPORTED;
        }
        if (f.contains("connection reset") || f.contains("prematureclose") || f.contains("closed")
                || f.contains("eof") || f.contains("broken pipe")) {
            return CLOSED;
        }
        String one = failure.strip().replaceAll("\\s+", " ");
        return one.length() <= MAX_CHARS ? one : one.substring(0, MAX_CHARS) + "…";
    }

    /** The reason of a failed JDK request: its exception and causes, whose messages are often empty. */
    public static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.http.HttpConnectTimeoutException) {
                return CONNECT_TIMEOUT;
            }
            if (t instanceof java.net.ConnectException) {
                return REFUSED;
            }
            if (t instanceof java.net.http.HttpTimeoutException) {
                return REQUEST_TIMEOUT;
            }
            if (t instanceof java.net.UnknownHostException) {
                return UNKNOWN_HOST;
            }
        }
        String text = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return reason(text);
    }
}
