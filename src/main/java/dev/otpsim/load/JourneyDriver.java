package dev.otpsim.load;

import dev.otpsim.person.Person;
import dev.otpsim.person.TargetAnswer;
import dev.otpsim.run.Journey;
import dev.otpsim.target.TargetProtocol;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Connects one {@link Journey} to one Gatling virtual user: turns the person's next action into
 * a request or a pause, and hands the answers back. Used by one virtual user's chain only, so it
 * needs no locking.
 */
public final class JourneyDriver {
    /** What the chain does next. */
    public enum Step { SEND, VERIFY, WAIT, END }

    private final RunContext ctx;
    private final Journey journey;
    private Person.Action action;
    private long dueNanos;
    private long plannedWakeNanos;
    private final WakeUps wakeUps = new WakeUps();
    private long gateWaitMillis;

    JourneyDriver(RunContext ctx, Journey journey) {
        this.ctx = ctx;
        this.journey = journey;
    }

    public TargetProtocol.Identity identity() {
        return journey.who();
    }

    /** Decides the next step. */
    public Step decide() {
        gateWaitMillis = 0;
        long now = ctx.clock().nowMillis();
        action = journey.next(now);
        // A request is due when the pause before it was planned to end, not when Gatling got to it.
        dueNanos = plannedWakeNanos != 0 ? Math.min(System.nanoTime(), plannedWakeNanos) : System.nanoTime();
        plannedWakeNanos = 0;
        if (action instanceof Person.RequestCode) {
            return Step.SEND;
        }
        if (action instanceof Person.Submit) {
            return Step.VERIFY;
        }
        return action instanceof Person.Wait ? Step.WAIT : Step.END;
    }

    /**
     * The real pause for a {@code wait}: until the person's next decision or the next arrival the
     * carrier planned for their handset, whichever comes first ({@link WakeUps}).
     */
    public Duration pause() {
        long millis = wakeUps.pauseMillis(ctx.clock().nowMillis(), ((Person.Wait) action).untilMillis(),
                journey.handset().nextArrivalMillis(), ctx.pollMillis(), ctx.clock());
        plannedWakeNanos = System.nanoTime() + millis * 1_000_000;
        ctx.watch().paused(wakeUps.lastWasRecheck());
        return Duration.ofMillis(millis);
    }

    /**
     * How long to wait before trying the {@link RequestGate} again: 1, 2, 4, 8 ms. The request
     * stays due from when it was decided, so the wait counts as harness lag.
     */
    Duration gateWait() {
        gateWaitMillis = gateWaitMillis == 0 ? 1 : Math.min(2 * gateWaitMillis, RequestGate.MAX_WAIT_MILLIS);
        ctx.watch().gateWait();
        return Duration.ofMillis(gateWaitMillis);
    }

    public String sendPath() {
        return ctx.protocol().send().path(identity(), ((Person.RequestCode) action).channel(), null);
    }

    public String verifyPath() {
        Person.Submit s = (Person.Submit) action;
        return ctx.protocol().verify().path(identity(), journey.channelOf(s), s.typed());
    }

    public String sendBody() {
        return ctx.protocol().send().body(identity(), ((Person.RequestCode) action).channel(), null);
    }

    public String verifyBody() {
        Person.Submit s = (Person.Submit) action;
        return ctx.protocol().verify().body(identity(), journey.channelOf(s), s.typed());
    }

    /** @param header the response headers the protocol reads ({@link TargetProtocol#headersRead()}) */
    public void onSendResponse(int status, String body, UnaryOperator<String> header) {
        long lag = (System.nanoTime() - dueNanos) / 1_000;
        ctx.metrics().httpSendMicros(lag);
        ctx.watch().lateMicros(lag);
        TargetAnswer answer = ctx.protocol().sendAnswer(status, body, header);
        journey.sendAnswered(answer, ctx.clock().nowMillis());
    }

    /** @param header the response headers the protocol reads ({@link TargetProtocol#headersRead()}) */
    public void onVerifyResponse(int status, String body, UnaryOperator<String> header) {
        long lag = (System.nanoTime() - dueNanos) / 1_000;
        ctx.metrics().httpVerifyMicros(lag);
        ctx.watch().lateMicros(lag);
        TargetAnswer answer = ctx.protocol().verifyAnswer(status, body, header);
        journey.verifyAnswered(answer, ctx.clock().nowMillis());
    }

    public boolean ended() {
        return journey.ended();
    }

    /** Records the journey's end and frees the handset. Called once, when the chain finishes. */
    public void finish() {
        journey.finish(ctx.clock().nowMillis());
        ctx.watch().journeyEnded();
    }
}
