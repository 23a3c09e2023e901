package dev.otpsim.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.otpsim.clock.ManualClock;
import dev.otpsim.handset.Channel;
import dev.otpsim.person.TargetAnswer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TargetServer} against the contract table: every result {@link OtpService} can give, over
 * real HTTP on 127.0.0.1, read through {@link ReferenceContract}, is the answer
 * {@link ReferenceAnswers} gives the virtual engine for the same result.
 *
 * <p>Two services with the same policy, clock and seeded digits take the same calls: one behind the
 * server, one called directly, so each HTTP answer is compared with the result that produced it.
 */
class ReferenceContractTest {
    private static final TargetPolicy POLICY = TargetPolicy.defaults()
            .withResendCooldown(Duration.ofSeconds(30))
            .withMaxSends(2, Duration.ofMinutes(10))
            .withMaxAttempts(2, Duration.ofMinutes(30))
            .withCode(6, Duration.ofMinutes(10));

    private final ManualClock clock = new ManualClock();
    private final CapturingOutbox servedOutbox = new CapturingOutbox();
    private final CapturingOutbox directOutbox = new CapturingOutbox();
    private final OtpService served = new OtpService(POLICY, clock, servedOutbox, new SplittableRandom(7));
    private final OtpService direct = new OtpService(POLICY, clock, directOutbox, new SplittableRandom(7));
    private final Set<String> seen = new TreeSet<>();
    private TargetServer server;
    private TargetClient client;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyServiceResultReachesTheSameAnswerOverHttpAsInProcess() throws Exception {
        server = new TargetServer(served, "127.0.0.1", 0).start();
        client = new TargetClient(new ReferenceProtocol(server.baseUri().toString()), Duration.ofSeconds(30));

        // u-1: sent, resent too soon, a wrong code, the code after its ttl, then a fresh code accepted.
        String code = assertInstanceOf(SendResult.Sent.class, send("u-1")).code();
        assertInstanceOf(SendResult.RateLimited.class, send("u-1"));
        assertInstanceOf(VerifyResult.Invalid.class, verify("u-1", wrong(code)));
        clock.advance(Duration.ofMinutes(11));
        assertInstanceOf(VerifyResult.Expired.class, verify("u-1", code));
        String fresh = assertInstanceOf(SendResult.Sent.class, send("u-1")).code();
        assertInstanceOf(VerifyResult.Accepted.class, verify("u-1", fresh));

        // u-1 twice more within the 10-minute window: the second is one send too many.
        clock.advance(Duration.ofMinutes(1));
        assertInstanceOf(SendResult.Sent.class, send("u-1"));
        clock.advance(Duration.ofMinutes(1));
        assertInstanceOf(SendResult.RateLimited.class, send("u-1"));

        // u-2: the second wrong code locks; locked for verifications and sends.
        String u2 = assertInstanceOf(SendResult.Sent.class, send("u-2")).code();
        assertInstanceOf(VerifyResult.Invalid.class, verify("u-2", wrong(u2)));
        assertInstanceOf(VerifyResult.Invalid.class, verify("u-2", wrong(u2)));
        assertInstanceOf(VerifyResult.Locked.class, verify("u-2", u2));
        clock.advance(Duration.ofMinutes(1));
        assertInstanceOf(SendResult.Locked.class, send("u-2"));

        // u-3: the hand-over to the gateway is full.
        servedOutbox.taking = false;
        directOutbox.taking = false;
        assertInstanceOf(SendResult.Unavailable.class, send("u-3"));

        assertEquals(new TreeSet<>(List.of(
                        "send 202 accepted", "send 423 locked", "send 429 rate-limited", "send 503 error",
                        "send 429 resend_too_soon", "send 429 too_many_sends",
                        "verify 200 accepted", "verify 401 invalid", "verify 410 expired", "verify 423 locked")),
                seen, "every service result, with the status and error the server gave it");
    }

    @Test
    void theTableReadsStatusesAndRetryAfter() {
        assertEquals(TargetAnswer.ACCEPTED, ReferenceContract.SEND.answer(201, ""));
        assertEquals(TargetAnswer.ERROR, ReferenceContract.SEND.answer(401, "{\"error\":\"invalid\"}"));
        assertEquals(TargetAnswer.ERROR, ReferenceContract.VERIFY.answer(202, ""));
        assertEquals(TargetAnswer.ERROR, ReferenceContract.VERIFY.answer(-1, null));
        assertEquals(TargetAnswer.rateLimited(1_500), ReferenceContract.VERIFY.answer(429, "{\"retryAfterMs\":1500}"));
        assertEquals(TargetAnswer.locked(ReferenceContract.DEFAULT_RETRY_AFTER_MS),
                ReferenceContract.SEND.answer(423, "not json"));
        assertEquals(TargetAnswer.locked(0), ReferenceContract.SEND.answer(423, "{\"retryAfterMs\":-5}"));
    }

    private SendResult send(String user) throws InterruptedException {
        SendResult expected = direct.send(user, Channel.SMS);
        TargetClient.Response r = client.exchange(client.protocol().send(), who(user), Channel.SMS, null);
        assertEquals(ReferenceAnswers.of(expected), ReferenceContract.SEND.answer(r.status(), r.body()),
                expected + " answered " + r.status() + " " + r.body());
        assertEquals(ReferenceAnswers.of(expected), client.protocol().sendAnswer(r.status(), r.body()));
        note("send", r, expected instanceof SendResult.RateLimited);
        return expected;
    }

    private VerifyResult verify(String user, String code) throws InterruptedException {
        VerifyResult expected = direct.verify(user, code);
        TargetClient.Response r = client.exchange(client.protocol().verify(), who(user), Channel.SMS, code);
        assertEquals(ReferenceAnswers.of(expected), ReferenceContract.VERIFY.answer(r.status(), r.body()),
                expected + " answered " + r.status() + " " + r.body());
        assertEquals(ReferenceAnswers.of(expected), client.protocol().verifyAnswer(r.status(), r.body()));
        note("verify", r, false);
        return expected;
    }

    /** "send 429 rate-limited" and, for a rate limit, which one the body named ("send 429 too_many_sends"). */
    private void note(String request, TargetClient.Response r, boolean rateLimit) {
        ReferenceContract contract = request.equals("send") ? ReferenceContract.SEND : ReferenceContract.VERIFY;
        seen.add(request + " " + r.status() + " " + contract.answer(r.status(), r.body()).kind().id());
        if (rateLimit) {
            String error = r.body().replaceAll(".*\"error\":\"([a-z_]+)\".*", "$1");
            seen.add(request + " " + r.status() + " " + error);
        }
    }

    private static TargetProtocol.Identity who(String user) {
        return new TargetProtocol.Identity(Long.parseLong(user.substring(2)), user, "+1555000" + user.substring(2));
    }

    /** The same length, every digit different: never the code, never another valid one. */
    private static String wrong(String code) {
        StringBuilder b = new StringBuilder();
        for (char c : code.toCharArray()) {
            b.append((char) ('0' + (c - '0' + 5) % 10));
        }
        return b.toString();
    }
}
