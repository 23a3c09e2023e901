package dev.otpsim.target;

import dev.otpsim.handset.Channel;

/**
 * Where the OTP service hands a code over for delivery: the carrier gateway over HTTP in a run
 * ({@link HttpGatewayOutbox}), a direct call into the carriers in a discrete-event driver, a list
 * in tests.
 *
 * <p>Implementations must return quickly and must not throw: the service calls it while holding
 * the person's lock, so that hand-over order equals issue order.
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
     */
    void send(Channel channel, String to, String body);

    /**
     * As {@link #send(Channel, String, String)}, knowing which of this person's accepted sends
     * the message answers (1-based): an in-process hand-over passes it on, so the ledger pairs
     * each code with its send however the messages are ordered; other outboxes may ignore it.
     */
    default void send(Channel channel, String to, String body, int sendNumber) {
        send(channel, to, body);
    }
}
