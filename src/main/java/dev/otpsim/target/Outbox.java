package dev.otpsim.target;

import dev.otpsim.handset.Channel;
import java.util.Map;

/**
 * Where the OTP service hands a code over for delivery: the carrier gateway over HTTP
 * ({@link HttpGatewayOutbox}), a direct call into the carriers in-process, a list in tests.
 *
 * <p>Implementations must return quickly and must not throw: the service calls it while holding
 * the person's lock, so that hand-over order equals issue order. An outbox that cannot take a
 * message now (its queue is full) returns false: the service then issues no code and answers
 * "unavailable" (HTTP 503), so that an accepted send always means a code on its way.
 *
 * <pre>{@code
 * List<String> bodies = new ArrayList<>();
 * Outbox capture = (channel, to, body) -> bodies.add(body);
 * }</pre>
 */
@FunctionalInterface
public interface Outbox {

    /**
     * @param channel how the message should travel
     * @param to      the recipient's address (the person id for the reference target)
     * @param body    the message text, carrying the code
     * @return true when the message was taken for hand-over; false when it cannot be taken now
     */
    boolean send(Channel channel, String to, String body);

    /**
     * As {@link #send(Channel, String, String)}, knowing which of this person's accepted sends
     * the message answers (1-based): an in-process hand-over passes it on, so the ledger pairs
     * each code with its send however the messages are ordered; other outboxes may ignore it.
     */
    default boolean send(Channel channel, String to, String body, int sendNumber) {
        return send(channel, to, body);
    }

    /**
     * The reference target's message carrying {@code code}, valid for {@code validForMs} more:
     * by default its text ({@link OtpService#messageBody}) goes to {@link #send(Channel, String, String, int)}.
     * An outbox that hands over in-process and already knows the code may take it as it is, with
     * no text to build and read the code back from.
     */
    default boolean sendCode(Channel channel, String to, String code, long validForMs, int sendNumber) {
        return send(channel, to, OtpService.messageBody(code, validForMs), sendNumber);
    }

    /**
     * Messages taken by {@link #send} whose hand-over failed afterwards, by reason (e.g.
     * {@code timeout}, {@code cannot-connect}, {@code status-500}): codes the service issued that
     * will never reach a carrier. Empty for an outbox that cannot fail.
     */
    default Map<String, Long> failedHandOvers() {
        return Map.of();
    }
}
