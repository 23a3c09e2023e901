package dev.otpsim.person;

import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One simulated person on one sign-in journey: given what they have seen (codes visible in their
 * handset, the target's answers, simulated time), decides what to do next.
 *
 * <p>Plain Java with simulated timestamps only — no Gatling, HTTP or wall clock — so the same
 * person runs under Gatling today and in a discrete-event driver later. The driver loop is:
 * <pre>{@code
 * Person p = new Person(profile, handset, PersonDraws.of(runSeed, personNumber));
 * for (Person.Action a = p.next(now); !(a instanceof Person.End); a = p.next(now)) {
 *     if (a instanceof Person.RequestCode r) p.onSendAnswer(now, target.send(r.channel()));
 *     else if (a instanceof Person.Submit s) p.onVerifyAnswer(now, target.verify(s.typed()));
 *     else sleep until ((Person.Wait) a).untilMillis() or a message arrives;
 * }
 * }</pre>
 * Every random draw (patience, reaction, typos, code choice) comes from the person's own streams
 * ({@link PersonDraws}), one per purpose, so a person's decisions depend only on the seed and on
 * what they observed — and the k-th draw of a purpose is the same in every variant of a sweep.
 *
 * <p><b>Methods.</b> A person with an authenticator app ({@link AuthenticatorApp}) starts on it —
 * unless their fallback order lists {@code authenticator}, which then says when they turn to it:
 * they read the code the app shows now, by their phone's clock, and type it after their reaction
 * time — the code may roll over meanwhile. Refused, they look again (waiting for the app's next
 * code if it still shows the refused one). Everyone else starts on their profile's channel. When a
 * way fails they move along their {@link Fallback} order; reaching {@code recovery} ends the
 * journey {@link JourneyOutcome#RECOVERY}.
 */
public final class Person {

    /** What the person does next. */
    public sealed interface Action {
    }

    /** Ask for a code: the first request of the journey, or a press of "resend". */
    public record RequestCode(Channel channel, boolean resend) implements Action {
    }

    /**
     * Type a code. {@code typed} differs from {@code intended} when the person mistyped; {@code read}
     * is what their authenticator app showed when the code came from it, else null.
     */
    public record Submit(String intended, String typed, AppRead read) implements Action {
        public Submit(String intended, String typed) {
            this(intended, typed, null);
        }

        public boolean typo() {
            return !intended.equals(typed);
        }

        /** Whether the code came from the person's authenticator app (no carrier). */
        public boolean authenticator() {
            return read != null;
        }
    }

    /** Nothing to do before {@code untilMillis}, unless a message arrives. */
    public record Wait(long untilMillis) implements Action {
    }

    /** The journey is over. */
    public record End(JourneyOutcome outcome) implements Action {
    }

    /** A code the person has seen and not given up on. */
    private record Candidate(String code, long visibleAtMillis, long readyAtMillis) {
    }

    private final PersonProfile profile;
    private final Handset handset;
    private final PersonDraws draws;
    private final boolean prefersNewest;
    private final AuthenticatorApp app;

    private SignInMethod method;
    /** Where {@link #method} stands in the fallback order (-1: not in it). */
    private int orderAt;
    private final java.util.EnumSet<SignInMethod> used = java.util.EnumSet.noneOf(SignInMethod.class);
    /** Accepted resends on the current channel, and whether any message arrived, since switching to it. */
    private int resendsHere;
    private boolean arrivedHere;
    /** The next accepted send is the first on a channel switched to: not a resend on it. */
    private boolean firstHere;
    /** The lock the person last reacted to lasts until then. */
    private long lockSeenUntil = Long.MIN_VALUE;
    private AppRead appRead;
    private long appReadyAt;
    private int appRefusals;
    private Channel channel;
    private long startedAt = -1;
    private long deadline;
    private long lastSendAt = -1;
    private long resendDueAt = Long.MAX_VALUE;
    private long waitUntil;
    private boolean waitIsLock;
    private int acceptedResends;
    private int seen;
    private final List<Candidate> candidates = new ArrayList<>(4);
    private final Set<String> rejected = new HashSet<>(4);
    private Action pending;
    private End end;

    public Person(PersonProfile profile, Handset handset, PersonDraws draws) {
        this(profile, handset, draws, null);
    }

    /**
     * @param app the person's authenticator app, or null when they have none (or lost the device)
     */
    public Person(PersonProfile profile, Handset handset, PersonDraws draws, AuthenticatorApp app) {
        this.profile = profile;
        this.handset = handset;
        this.draws = draws;
        this.app = app;
        this.channel = profile.channel();
        // The app comes first, unless the fallback order says where it comes.
        boolean appFirst = app != null && !profile.fallback().order().contains(SignInMethod.AUTHENTICATOR);
        this.method = appFirst ? SignInMethod.AUTHENTICATOR : SignInMethod.of(profile.channel());
        this.orderAt = profile.fallback().order().indexOf(method);
        this.used.add(method);
        this.prefersNewest = draws.codeChoice().nextDouble() < profile.codeChoice().newestShare();
    }

    public PersonProfile profile() {
        return profile;
    }

    /** The channel codes are (or were last) asked for on. */
    public Channel channel() {
        return channel;
    }

    /** How the person is trying to sign in now. */
    public SignInMethod method() {
        return method;
    }

    public boolean ended() {
        return end != null;
    }

    /** Decides the next action at simulated time {@code now}. */
    public Action next(long now) {
        if (end != null) {
            return end;
        }
        if (pending != null) {
            throw new IllegalStateException("answer the pending " + pending + " first");
        }
        if (startedAt < 0) {
            startedAt = now;
            deadline = now + profile.giveUpAfterMillis();
            if (method != SignInMethod.AUTHENTICATOR) {
                return pending = new RequestCode(channel, false);
            }
        }
        absorbArrivals();
        if (now >= deadline) {
            return finish(waitIsLock && waitUntil > now ? JourneyOutcome.LOCKED_OUT : JourneyOutcome.ABANDONED);
        }
        if (waitUntil > now) {
            return new Wait(Math.min(waitUntil, deadline));
        }
        waitIsLock = false;
        if (method == SignInMethod.AUTHENTICATOR) {
            return fromApp(now);
        }
        long readyAt = Long.MAX_VALUE;
        for (Candidate c : candidates) {
            readyAt = Math.min(readyAt, c.readyAtMillis());
        }
        if (readyAt <= now) {
            Candidate chosen = choose();
            return pending = new Submit(chosen.code(), maybeMistype(chosen.code()));
        }
        // Before any code was sent (first request refused), asking again is not a "resend".
        boolean mayPress = lastSendAt < 0 || acceptedResends < profile.maxResends();
        if (candidates.isEmpty() && resendDueAt <= now) {
            Fallback f = profile.fallback();
            boolean failedHere = f.afterResends() > 0 && resendsHere >= f.afterResends() && !arrivedHere;
            if (failedHere || !mayPress) {
                SignInMethod next = nextMethod(mayPress);
                if (next != null) {
                    return moveTo(next, now);
                }
            }
            if (mayPress) {
                return pending = new RequestCode(channel, lastSendAt >= 0);
            }
        }
        long wakeAt = Math.min(readyAt, deadline);
        // Out of presses, they still move on to the app or recovery when their patience runs out.
        if (candidates.isEmpty() && (mayPress || nextMethod(false) != null)) {
            wakeAt = Math.min(wakeAt, resendDueAt);
        }
        return new Wait(wakeAt);
    }

    /** The target's answer to the pending {@link RequestCode}. */
    public void onSendAnswer(long now, TargetAnswer answer) {
        RequestCode request = (RequestCode) takePending(RequestCode.class);
        switch (answer.kind()) {
            case ACCEPTED -> {
                if (request.resend()) {
                    acceptedResends++;
                    if (!firstHere) {
                        resendsHere++;
                    }
                }
                firstHere = false;
                lastSendAt = now;
                long patience = Math.max(profile.resendWaitMillis(), profile.patience().sampleMillis(draws.patience()));
                resendDueAt = now + patience;
            }
            case LOCKED -> {
                if (lockMovesOn(now, answer.retryAfterMillis())) {
                    return;
                }
                locked(now, answer.retryAfterMillis());
                if (lastSendAt < 0) {
                    resendDueAt = waitUntil; // no code was ever sent: ask again once the lock lifts
                }
            }
            case RATE_LIMITED -> {
                // The UI said "try again in N s": the person presses again then.
                waitUntil = now + Math.max(1, answer.retryAfterMillis());
                resendDueAt = Math.min(resendDueAt, waitUntil);
            }
            default -> finish(JourneyOutcome.ERROR);
        }
    }

    /** The target's answer to the pending {@link Submit}. */
    public void onVerifyAnswer(long now, TargetAnswer answer) {
        Submit submit = (Submit) takePending(Submit.class);
        if (submit.authenticator()) {
            onAppAnswer(now, submit, answer);
            return;
        }
        switch (answer.kind()) {
            case ACCEPTED -> finish(JourneyOutcome.SUCCESS);
            case INVALID, EXPIRED -> {
                if (submit.typo()) {
                    // They notice the slip and type the same code again, after reacting anew.
                    replaceReadyAt(submit.intended(), now + profile.reaction().sampleMillis(draws.reaction()));
                } else {
                    rejected.add(submit.intended());
                    candidates.removeIf(c -> c.code().equals(submit.intended()));
                    if (candidates.isEmpty() && lastSendAt >= 0) {
                        // Nothing left to try: press resend as soon as the UI allows it.
                        resendDueAt = Math.min(resendDueAt, Math.max(now, lastSendAt + profile.resendWaitMillis()));
                    }
                }
            }
            case CODE_DEAD -> {
                // The service burned the code (and with it every older one): retyping it is a dead
                // end, so the person asks for a new code as soon as the UI allows.
                for (Candidate c : candidates) {
                    rejected.add(c.code());
                }
                rejected.add(submit.intended());
                candidates.clear();
                if (lastSendAt >= 0) {
                    resendDueAt = Math.min(resendDueAt, Math.max(now, lastSendAt + profile.resendWaitMillis()));
                }
            }
            case LOCKED -> {
                if (!lockMovesOn(now, answer.retryAfterMillis())) {
                    locked(now, answer.retryAfterMillis());
                }
            }
            case RATE_LIMITED -> waitUntil = now + Math.max(1, answer.retryAfterMillis());
            default -> finish(JourneyOutcome.ERROR);
        }
    }

    // ---- the authenticator app and the fallback order ------------------------------------

    /** On the app: look at it (once per try), type what it shows after reacting. */
    private Action fromApp(long now) {
        if (appRead == null) {
            appRead = app.read(now);
            appReadyAt = now + profile.reaction().sampleMillis(draws.reaction());
        }
        if (appReadyAt <= now) {
            return pending = new Submit(appRead.code(), maybeMistype(appRead.code()), appRead);
        }
        return new Wait(Math.min(appReadyAt, deadline));
    }

    private void onAppAnswer(long now, Submit submit, TargetAnswer answer) {
        AppRead refused = appRead;
        appRead = null; // every next try starts by looking at the app again
        switch (answer.kind()) {
            case ACCEPTED -> finish(JourneyOutcome.SUCCESS);
            case INVALID, EXPIRED, CODE_DEAD -> {
                if (submit.typo() && answer.kind() != TargetAnswer.Kind.CODE_DEAD) {
                    return; // they notice the slip and type what the app shows now
                }
                appRefusals++;
                Fallback f = profile.fallback();
                if (f.afterResends() > 0 && appRefusals >= f.afterResends()) {
                    SignInMethod next = nextMethod(lastSendAt < 0 || acceptedResends < profile.maxResends());
                    if (next != null) {
                        move(next, now);
                        return;
                    }
                }
                // Still showing the code just refused: wait for the app's next one.
                long changes = app.nextChangeMillis(refused);
                if (app.read(now).step() == refused.step() && changes > now) {
                    waitUntil = changes;
                    waitIsLock = false;
                }
            }
            case LOCKED -> {
                if (!lockMovesOn(now, answer.retryAfterMillis())) {
                    locked(now, answer.retryAfterMillis());
                }
            }
            case RATE_LIMITED -> waitUntil = now + Math.max(1, answer.retryAfterMillis());
            default -> finish(JourneyOutcome.ERROR);
        }
    }

    /**
     * The next method of the fallback order the person can use and has not used: a channel needs a
     * resend press left, the authenticator a usable app; recovery is always there. Null: none.
     */
    private SignInMethod nextMethod(boolean mayPress) {
        java.util.List<SignInMethod> order = profile.fallback().order();
        for (int i = orderAt + 1; i < order.size(); i++) {
            SignInMethod m = order.get(i);
            boolean usable = m == SignInMethod.RECOVERY || (m == SignInMethod.AUTHENTICATOR ? app != null : mayPress);
            if (usable && !used.contains(m)) {
                return m;
            }
        }
        return null;
    }

    /** Moves to {@code next} and acts on it now: asks for a code, looks at the app, or ends in recovery. */
    private Action moveTo(SignInMethod next, long now) {
        move(next, now);
        if (end != null) {
            return end;
        }
        if (method == SignInMethod.AUTHENTICATOR) {
            return fromApp(now);
        }
        return pending = new RequestCode(channel, lastSendAt >= 0);
    }

    /** Switches to {@code next}; the request or the look at the app comes when the person next acts. */
    private void move(SignInMethod next, long now) {
        orderAt = profile.fallback().order().indexOf(next);
        used.add(next);
        method = next;
        switch (next) {
            case RECOVERY -> finish(JourneyOutcome.RECOVERY);
            case AUTHENTICATOR -> {
                candidates.clear(); // they gave up on the sent codes and type what the app shows
                appRead = null;
                appRefusals = 0;
            }
            default -> {
                channel = next.channel();
                resendsHere = 0;
                arrivedHere = false;
                firstHere = true;
                resendDueAt = Math.min(resendDueAt, now); // ask on the new channel as soon as they can
            }
        }
    }

    /**
     * A lock the person has not reacted to yet moves them along the order when their fallback
     * says so ({@code on-lockout = next}): to the next method, used once the lock lifts — or, when
     * the lock outlasts their patience and recovery lies ahead in the order, straight to recovery
     * rather than giving up. True when that ended the journey.
     */
    private boolean lockMovesOn(long now, long retryAfter) {
        if (!profile.fallback().moveOnLockout() || now < lockSeenUntil) {
            return false;
        }
        lockSeenUntil = now + Math.max(1, retryAfter);
        SignInMethod next;
        if (lockSeenUntil >= deadline) {
            java.util.List<SignInMethod> order = profile.fallback().order();
            next = order.subList(orderAt + 1, order.size()).contains(SignInMethod.RECOVERY) ? SignInMethod.RECOVERY : null;
        } else {
            next = nextMethod(lastSendAt < 0 || acceptedResends < profile.maxResends());
        }
        if (next == null) {
            return false;
        }
        move(next, now);
        return end != null;
    }

    /** Ends the journey from outside (e.g. the run is over); no effect when already ended. */
    public JourneyOutcome endNow(JourneyOutcome outcome) {
        if (end == null) {
            finish(outcome);
        }
        return end.outcome();
    }

    public JourneyOutcome outcome() {
        return end == null ? null : end.outcome();
    }

    private void locked(long now, long retryAfter) {
        long until = now + Math.max(1, retryAfter);
        if (until >= deadline) {
            finish(JourneyOutcome.LOCKED_OUT); // still locked when patience ends
            return;
        }
        waitUntil = until;
        waitIsLock = true;
    }

    private void absorbArrivals() {
        int n = handset.count();
        while (seen < n) {
            Handset.Message m = handset.get(seen++);
            arrivedHere = true;
            String code = m.code();
            if (method == SignInMethod.AUTHENTICATOR) {
                continue; // on the app's screen now: a late message is not typed
            }
            if (code == null || rejected.contains(code) || hasCandidate(code)) {
                continue; // duplicates and same-code resends add nothing new
            }
            candidates.add(new Candidate(code, m.visibleAtMillis(),
                    m.visibleAtMillis() + profile.reaction().sampleMillis(draws.reaction())));
        }
    }

    private boolean hasCandidate(String code) {
        for (Candidate c : candidates) {
            if (c.code().equals(code)) {
                return true;
            }
        }
        return false;
    }

    private void replaceReadyAt(String code, long readyAt) {
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            if (c.code().equals(code)) {
                candidates.set(i, new Candidate(code, c.visibleAtMillis(), readyAt));
            }
        }
    }

    private Candidate choose() {
        Candidate best = candidates.get(0);
        for (Candidate c : candidates) {
            boolean better = prefersNewest ? c.visibleAtMillis() > best.visibleAtMillis()
                    : c.visibleAtMillis() < best.visibleAtMillis();
            if (better) {
                best = c;
            }
        }
        return best;
    }

    private String maybeMistype(String code) {
        // Three draws per submission whether or not they are used: the k-th submission's typo
        // is then the same in every variant, whatever came before.
        double slip = draws.typos().nextDouble();
        double where = draws.typos().nextDouble();
        double what = draws.typos().nextDouble();
        if (profile.typoRate() <= 0 || slip >= profile.typoRate() || code.isEmpty()) {
            return code;
        }
        char[] digits = code.toCharArray();
        int i = Math.min(digits.length - 1, (int) (where * digits.length));
        if (Character.isDigit(digits[i])) {
            digits[i] = (char) ('0' + (digits[i] - '0' + 1 + Math.min(8, (int) (what * 9))) % 10);
        } else {
            digits[i] = digits[i] == 'x' ? 'y' : 'x';
        }
        return new String(digits);
    }

    private Action takePending(Class<? extends Action> expected) {
        if (!expected.isInstance(pending)) {
            throw new IllegalStateException("no pending " + expected.getSimpleName() + " (pending: " + pending + ")");
        }
        Action a = pending;
        pending = null;
        return a;
    }

    private End finish(JourneyOutcome outcome) {
        pending = null;
        end = new End(outcome);
        return end;
    }
}
