package dev.otpsim.carrier.gateway;

import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.carrier.DeliveryEvents;
import dev.otpsim.clock.SimClock;
import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handset;
import dev.otpsim.handset.Handsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Where every protocol of the gateway hands a message over: it finds the code, numbers the
 * message, reports it as issued, and passes it to the carrier. HTTP and SMTP are thin adapters
 * over this; an in-JVM target may call it directly.
 *
 * <pre>{@code
 * MessageIntake intake = new MessageIntake(new CodeExtractor(spec.codePattern()), clock, handsets,
 *         RecipientPolicy.KNOWN_ONLY, ledger, carriers::submit);
 * CarrierMessage m = intake.accept(Channel.SMS, "+15550001", "Your code is 482913"); // or RejectedMessage
 * }</pre>
 */
public final class MessageIntake {
    /** Longest recipient address accepted (RFC 5321 allows 254 characters for a path). */
    static final int MAX_ADDRESS = 320;

    private final CodeExtractor codes;
    private final SimClock clock;
    private final Handsets handsets;
    private final RecipientPolicy policy;
    private final DeliveryEvents events;
    private final Consumer<CarrierMessage> carriers;
    private final AtomicLong ids = new AtomicLong();

    public MessageIntake(CodeExtractor codes, SimClock clock, Handsets handsets, RecipientPolicy policy,
                         DeliveryEvents events, Consumer<CarrierMessage> carriers) {
        this.codes = codes;
        this.clock = clock;
        this.handsets = handsets;
        this.policy = policy;
        this.events = events;
        this.carriers = carriers;
    }

    /**
     * Accepts one message: issued now (simulated), then handed to the channel's carrier.
     *
     * @throws RejectedMessage when the recipient is blank or the body holds no code
     */
    public CarrierMessage accept(Channel channel, String to, String body) {
        return accept(channel, to, body, 0);
    }

    /**
     * As {@link #accept(Channel, String, String)}, for a target that says which of the person's
     * accepted sends the message answers (the embedded target, handing over in-process).
     */
    public CarrierMessage accept(Channel channel, String to, String body, int sendNumber) {
        checkRecipient(to);
        if (body == null) {
            throw new RejectedMessage("missing_field", "the body is missing");
        }
        String code = codes.extract(body);
        if (code == null) {
            throw new RejectedMessage("no_code", "no code in the body matching " + codes.pattern().pattern());
        }
        return issue(channel, to, code, sendNumber);
    }

    /**
     * A message whose code the sender states (the embedded target, handing over in-process): the
     * same as {@link #accept(Channel, String, String, int)} without reading the code out of a text.
     *
     * @throws RejectedMessage when the recipient is blank or the code empty
     */
    public CarrierMessage acceptCode(Channel channel, String to, String code, int sendNumber) {
        checkRecipient(to);
        if (code == null || code.isEmpty()) {
            throw new RejectedMessage("no_code", "the message has no code");
        }
        return issue(channel, to, code, sendNumber);
    }

    private static void checkRecipient(String to) {
        if (to == null || to.isBlank()) {
            throw new RejectedMessage("missing_field", "the recipient (to) is missing or blank");
        }
        if (to.length() > MAX_ADDRESS) {
            throw new RejectedMessage("bad_recipient", "the recipient is longer than " + MAX_ADDRESS + " characters");
        }
    }

    private CarrierMessage issue(Channel channel, String to, String code, int sendNumber) {
        if (policy == RecipientPolicy.REGISTER_ANY) {
            handsets.register(to);
        }
        long id = ids.incrementAndGet();
        // Strangers' messages are numbered by id: they key no person's draws.
        Handset handset = handsets.find(to).orElse(null);
        long nth = handset == null ? -id : handset.nextMessageNumber();
        CarrierMessage m = new CarrierMessage(id, channel, to, code, clock.nowMillis(), nth, sendNumber);
        events.issued(m); // before the carrier sees it: a delivery can never precede its issue
        if (handset != null && Double.isFinite(clock.timeScale())) {
            handset.onItsWay(id); // before the target answers: its person will not sleep through it
        }
        carriers.accept(m);
        return m;
    }
}
