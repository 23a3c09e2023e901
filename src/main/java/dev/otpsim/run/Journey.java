package dev.otpsim.run;

import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handset;
import dev.otpsim.handset.Handsets;
import dev.otpsim.ledger.Classification;
import dev.otpsim.ledger.Ledger;
import dev.otpsim.person.JourneyOutcome;
import dev.otpsim.person.Person;
import dev.otpsim.person.TargetAnswer;
import dev.otpsim.target.TargetProtocol;
import java.util.concurrent.CompletableFuture;

/**
 * One person's sign-in journey, whatever engine runs it: asks the {@link Person} what to do and
 * reports every step to the {@link Ledger}. Engines differ only in how a request reaches the
 * target (a direct call in virtual time, HTTP through Gatling or {@code probe}) and how waiting
 * passes; the step is this class.
 *
 * <pre>{@code
 * Journey j = new Journey(plan.person(n), handsets, ledger, now);
 * for (Person.Action a = j.next(now); ; a = j.next(now)) {
 *     if (a instanceof Person.RequestCode r) j.sendAnswered(requestedAt, answer, answeredAt);
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Dating.</b> The ledger dates a send and a submission at their <em>request</em> — as close
 * to when the target acted on them as the harness can know — while the person reads the answer
 * when it arrives. A code typed 9.98 s after issue with a 10 s validity is therefore not called
 * expired because its answer came back at 10.01 s.
 */
public final class Journey {
    private final RunPlan.PersonPlan plan;
    private final Handsets handsets;
    private final Handset handset;
    private final Ledger ledger;
    private final Person person;
    private Person.Action pending;
    private long requestedAt;

    public Journey(RunPlan.PersonPlan plan, Handsets handsets, Ledger ledger, long nowMillis) {
        this.plan = plan;
        this.handsets = handsets;
        this.ledger = ledger;
        this.handset = handsets.register(plan.identity().address());
        this.person = new Person(plan.profile(), handset, plan.draws(), plan.app());
        ledger.journeyStarted(plan.identity().address(), nowMillis);
        if (plan.authenticator() != null) {
            ledger.authenticatorEnrolled(plan.identity().address(), plan.authenticator());
        }
    }

    public TargetProtocol.Identity who() {
        return plan.identity();
    }

    public long number() {
        return plan.n();
    }

    public Person person() {
        return person;
    }

    public Handset handset() {
        return handset;
    }

    /**
     * The person's next action at {@code nowMillis}. A {@link Person.RequestCode} or
     * {@link Person.Submit} is the request the engine sends now; its answer comes back through
     * {@link #sendAnswered} or {@link #verifyAnswered}.
     */
    public Person.Action next(long nowMillis) {
        Person.Action a = person.next(nowMillis);
        if (a instanceof Person.RequestCode r) {
            ledger.sendRequested(who().address(), r.channel(), r.resend(), nowMillis);
        }
        if (a instanceof Person.RequestCode || a instanceof Person.Submit) {
            pending = a;
            requestedAt = nowMillis;
        }
        return a;
    }

    /**
     * The channel a submission's code came over, for the verify request's {@code {channel}}: null for
     * a code from the person's authenticator app.
     */
    public Channel channelOf(Person.Submit s) {
        return s.authenticator() ? null : person.channel();
    }

    /** The action whose answer is awaited, or null. */
    public Person.Action pending() {
        return pending;
    }

    /** Simulated time the pending request was sent. */
    public long requestedAtMillis() {
        return requestedAt;
    }

    /** The target answered the pending send at {@code answeredAtMillis}. */
    public void sendAnswered(TargetAnswer answer, long answeredAtMillis) {
        Person.RequestCode r = (Person.RequestCode) take();
        ledger.sendAnswered(who().address(), r.channel(), answer, requestedAt);
        person.onSendAnswer(answeredAtMillis, answer);
    }

    /**
     * The target answered the pending submission at {@code answeredAtMillis}.
     *
     * @return its classification, complete at once or once the codes of earlier sends reached the gateway
     */
    public CompletableFuture<Classification> verifyAnswered(TargetAnswer answer, long answeredAtMillis) {
        Person.Submit s = (Person.Submit) take();
        CompletableFuture<Classification> c = ledger.submitted(who().address(), s.typed(), requestedAt, answer, s.read());
        person.onVerifyAnswer(answeredAtMillis, answer);
        return c;
    }

    public boolean ended() {
        return person.ended();
    }

    /**
     * Records how the journey ended (an error if the person had not finished: the run cut it off)
     * and retires the handset. Call once.
     */
    public JourneyOutcome finish(long nowMillis) {
        JourneyOutcome outcome = person.endNow(JourneyOutcome.ERROR);
        ledger.journeyEnded(who().address(), outcome, nowMillis);
        handsets.retire(handset);
        return outcome;
    }

    private Person.Action take() {
        Person.Action a = pending;
        if (a == null) {
            throw new IllegalStateException("no request is waiting for an answer");
        }
        pending = null;
        return a;
    }
}
