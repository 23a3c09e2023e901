package dev.otpsim.run;

import dev.otpsim.carrier.gateway.MessageIntake;
import dev.otpsim.handset.Channel;
import dev.otpsim.target.Outbox;

/**
 * The embedded target hands its codes straight to the carrier gateway's intake, in the same
 * call that issues them: no HTTP hop, no queue, no lag between the target's answer and the code
 * existing — and each message carries the number of the send it answers, so the ledger pairs them
 * exactly. The code is handed over as the target issued it: no message text to read it back from. Both engines use it; the HTTP hand-over remains for {@code otpsim target --gateway URL}.
 *
 * <pre>{@code
 * OtpService service = new OtpService(policy, clock, new InProcessHandOver(intake), random);
 * }</pre>
 */
public final class InProcessHandOver implements Outbox {
    private final MessageIntake intake;

    public InProcessHandOver(MessageIntake intake) {
        this.intake = intake;
    }

    @Override
    public boolean send(Channel channel, String to, String body) {
        intake.accept(channel, to, body);
        return true;
    }

    /** Always taken: the intake decides and schedules at once, with nothing to queue. */
    @Override
    public boolean send(Channel channel, String to, String body, int sendNumber) {
        intake.accept(channel, to, body, sendNumber);
        return true;
    }

    /**
     * The target's own code, taken as it is: no message text is built for the gateway to find it
     * in again (the text and the code pattern are for messages arriving over HTTP and SMTP).
     */
    @Override
    public boolean sendCode(Channel channel, String to, String code, long validForMs, int sendNumber) {
        intake.acceptCode(channel, to, code, sendNumber);
        return true;
    }
}
