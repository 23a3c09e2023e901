package dev.otpsim.load;

import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handset;
import dev.otpsim.person.JourneyOutcome;
import dev.otpsim.person.Person;
import dev.otpsim.person.PersonProfile;
import dev.otpsim.person.TargetAnswer;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Connects one {@link Person} to one Gatling virtual user: asks the person what to do, turns it
 * into a request or a pause, and reports every step to the ledger. Used by one virtual user's
 * chain only, so it needs no locking.
 */
public final class JourneyDriver {
    /** A waiting person never glances more often than this, whatever the time-scale. */
    private static final long MIN_PAUSE_NANOS = 2_000_000;

    private final RunContext ctx;
    private final TargetProtocol.Identity who;
    private final Handset handset;
    private final Person person;
    private Person.Action action;
    private long dueNanos;
    private long plannedWakeNanos;

    JourneyDriver(RunContext ctx, TargetProtocol.Identity who, long n) {
        this.ctx = ctx;
        this.who = who;
        this.handset = ctx.handsets().register(who.address());
        SplittableRandom rng = new SplittableRandom(ctx.seed() * 0x9E3779B97F4A7C15L + n);
        PersonProfile profile = ctx.population().draw(rng);
        this.person = new Person(profile, handset, rng);
        ctx.ledger().journeyStarted(who.address(), ctx.clock().nowMillis());
    }

    public TargetProtocol.Identity identity() {
        return who;
    }

    /** Decides the next step; returns "send", "verify", "wait" or "end". */
    public String decide() {
        long now = ctx.clock().nowMillis();
        action = person.next(now);
        // A request is due when the pause before it was planned to end, not when Gatling got to it.
        dueNanos = plannedWakeNanos != 0 ? Math.min(System.nanoTime(), plannedWakeNanos) : System.nanoTime();
        plannedWakeNanos = 0;
        if (action instanceof Person.RequestCode r) {
            ctx.ledger().sendRequested(who.address(), r.channel(), r.resend(), now);
            return "send";
        }
        if (action instanceof Person.Submit) {
            return "verify";
        }
        return action instanceof Person.Wait ? "wait" : "end";
    }

    /** The real pause for a {@code wait}: until the person's next decision, or the next glance. */
    public Duration pause() {
        long now = ctx.clock().nowMillis();
        long untilSim = ((Person.Wait) action).untilMillis();
        long simPause = Math.max(1, Math.min(untilSim - now, ctx.pollMillis()));
        long nanos = Math.max(MIN_PAUSE_NANOS, ctx.clock().toRealNanos(simPause));
        plannedWakeNanos = System.nanoTime() + nanos;
        return Duration.ofNanos(nanos);
    }

    public String sendPath() {
        return ctx.protocol().send().path(who, ((Person.RequestCode) action).channel(), null);
    }

    public String verifyPath() {
        return ctx.protocol().verify().path(who, person.channel(), ((Person.Submit) action).typed());
    }

    public String sendBody() {
        return ctx.protocol().send().body(who, ((Person.RequestCode) action).channel(), null);
    }

    public String verifyBody() {
        Person.Submit s = (Person.Submit) action;
        return ctx.protocol().verify().body(who, person.channel(), s.typed());
    }

    /** @param header the response headers the protocol reads ({@link TargetProtocol#headersRead()}) */
    public void onSendResponse(int status, String body, UnaryOperator<String> header) {
        ctx.ledger().metrics().httpSendMicros((System.nanoTime() - dueNanos) / 1_000);
        long now = ctx.clock().nowMillis();
        TargetAnswer answer = ctx.protocol().sendAnswer(status, body, header);
        Channel channel = ((Person.RequestCode) action).channel();
        ctx.ledger().sendAnswered(who.address(), channel, answer, now);
        person.onSendAnswer(now, answer);
    }

    /** @param header the response headers the protocol reads ({@link TargetProtocol#headersRead()}) */
    public void onVerifyResponse(int status, String body, UnaryOperator<String> header) {
        ctx.ledger().metrics().httpVerifyMicros((System.nanoTime() - dueNanos) / 1_000);
        long now = ctx.clock().nowMillis();
        TargetAnswer answer = ctx.protocol().verifyAnswer(status, body, header);
        ctx.ledger().submitted(who.address(), ((Person.Submit) action).typed(), now, answer);
        person.onVerifyAnswer(now, answer);
    }

    public boolean ended() {
        return person.ended();
    }

    /** Records the journey's end and frees the handset. Called once, when the chain finishes. */
    public void finish() {
        JourneyOutcome outcome = person.endNow(JourneyOutcome.ERROR);
        ctx.ledger().journeyEnded(who.address(), outcome, ctx.clock().nowMillis());
        handset.retire();
    }
}
