package dev.otpsim.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;

/** The reason a request got no answer, from Gatling's failure messages and from the JDK's exceptions. */
class NoAnswerTest {

    @Test
    void gatlingFailureMessages() {
        assertEquals("connection refused",
                NoAnswer.reason("i.n.c.AbstractChannel$AnnotatedConnectException: Connection refused: /127.0.0.1:9000"));
        assertEquals("connection timed out",
                NoAnswer.reason("i.n.c.ConnectTimeoutException: connection timed out after 3000 ms: /10.0.0.1:80"));
        assertEquals("no answer within the request timeout",
                NoAnswer.reason("i.g.h.c.i.RequestTimeoutException: Request timeout to 127.0.0.1/127.0.0.1:9000 after 10000 ms"));
        assertEquals("answered 503", NoAnswer.reason("status.find.lt(500), but actually found 503"));
        assertEquals("connection closed without an answer",
                NoAnswer.reason("i.n.h.c.PrematureChannelClosureException: Channel closed"));
        assertEquals("something else entirely", NoAnswer.reason("  something   else\nentirely "));
        assertEquals(NoAnswer.UNREPORTED, NoAnswer.reason((String) null));
        assertEquals(121, NoAnswer.reason("x".repeat(500)).length(), "a long message is cut");
    }

    @Test
    void aReasonReadAgainIsTheSameReason() {
        for (String r : java.util.List.of(NoAnswer.REFUSED, NoAnswer.CONNECT_TIMEOUT, NoAnswer.REQUEST_TIMEOUT,
                NoAnswer.CLOSED, NoAnswer.UNKNOWN_HOST, NoAnswer.UNREPORTED, "answered 502")) {
            assertEquals(r, NoAnswer.reason(r));
            assertEquals(r, NoAnswer.reason(r + " (is the target running?)"));
        }
    }

    @Test
    void jdkExceptionsWithoutMessages() {
        assertEquals("connection refused", NoAnswer.reason(new IOException(new ConnectException())));
        assertEquals("connection timed out", NoAnswer.reason(new HttpConnectTimeoutException("HTTP connect timed out")));
        assertEquals("no answer within the request timeout", NoAnswer.reason(new HttpTimeoutException("request timed out")));
    }
}
