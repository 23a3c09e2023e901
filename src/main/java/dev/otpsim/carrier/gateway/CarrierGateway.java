package dev.otpsim.carrier.gateway;

import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.carrier.DeliveryEvents;
import dev.otpsim.clock.SimClock;
import dev.otpsim.handset.Handsets;
import dev.otpsim.http.HttpLimits;
import java.io.IOException;
import java.net.URI;
import java.util.function.Consumer;

/**
 * The carrier gateway: where a target hands over messages, over HTTP (JSON and Twilio-shaped)
 * and SMTP. Both sides feed one {@link MessageIntake}, which reports each message as issued and
 * passes it to the carriers.
 *
 * <pre>{@code
 * try (Carriers carriers = Carriers.start(specs, seed, clock, handsets, ledger);
 *      CarrierGateway gateway = CarrierGateway.start(GatewaySpec.DEFAULTS, clock, handsets,
 *              RecipientPolicy.KNOWN_ONLY, ledger, carriers::submit)) {
 *     URI http = gateway.httpUri();   // e.g. http://127.0.0.1:41234
 *     int smtp = gateway.smtpPort();
 * }
 * }</pre>
 */
public final class CarrierGateway implements AutoCloseable {
    private final HttpGateway http;
    private final SmtpGateway smtp;
    private final MessageIntake intake;
    private final GatewayRefusals refusals;

    private CarrierGateway(HttpGateway http, SmtpGateway smtp, MessageIntake intake, GatewayRefusals refusals) {
        this.http = http;
        this.smtp = smtp;
        this.intake = intake;
        this.refusals = refusals;
    }

    /**
     * What both sides refused so far (wrong paths, bodies with no code, SMTP refusals), by reason
     * and path: when no code reaches the gateway, this says why.
     */
    public GatewayRefusals refusals() {
        return refusals;
    }

    /** Where both protocols hand messages over; an in-JVM target may hand over here directly. */
    public MessageIntake intake() {
        return intake;
    }

    /**
     * Starts both listeners on {@code spec.host()}.
     *
     * @param carriers where accepted messages go, usually {@code carriers::submit}
     * @throws IOException when a port cannot be bound (nothing is left running then)
     */
    public static CarrierGateway start(GatewaySpec spec, SimClock clock, Handsets handsets, RecipientPolicy policy,
                                       DeliveryEvents events, Consumer<CarrierMessage> carriers) throws IOException {
        MessageIntake intake = new MessageIntake(new CodeExtractor(spec.codePattern()), clock, handsets, policy,
                events, carriers);
        GatewayRefusals refusals = new GatewayRefusals();
        HttpGateway http = HttpGateway.start(spec.host(), spec.port(), intake, handsets,
                HttpLimits.defaults(HttpGateway.MAX_BODY_BYTES), refusals);
        try {
            SmtpGateway smtp = SmtpGateway.start(spec.host(), spec.smtpPort(), intake, SmtpLimits.DEFAULTS, refusals);
            return new CarrierGateway(http, smtp, intake, refusals);
        } catch (IOException | RuntimeException e) {
            http.close();
            throw e;
        }
    }


    /** Base URI of the HTTP side, e.g. {@code http://127.0.0.1:41234}. */
    public URI httpUri() {
        return http.uri();
    }

    public int httpPort() {
        return http.port();
    }

    public int smtpPort() {
        return smtp.port();
    }

    @Override
    public void close() {
        try {
            smtp.close();
        } finally {
            http.close();
        }
    }
}
