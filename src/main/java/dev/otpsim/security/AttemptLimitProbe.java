package dev.otpsim.security;

import dev.otpsim.target.TargetProtocol.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * (a) Does the attempt limit hold, one guess at a time and under a race? One person guesses
 * wrong codes one at a time until the answers change ({@link AttemptCalibration}); another
 * fires that many plus {@code --parallel} wrong guesses at once — the classic check-then-act
 * bypass lets more through. Each then types the right code, which must be refused.
 */
final class AttemptLimitProbe implements SecurityProbe {
    @Override
    public String id() {
        return "attempt-limit";
    }

    @Override
    public String title() {
        return "Attempt limit under a race";
    }

    @Override
    public String criterion() {
        return "One wrong guess at a time, the target stops evaluating guesses (locks, or drops the code) within the "
                + "declared max-attempts (at most 100 when none is declared); fired at once, no more wrong guesses are "
                + "evaluated than one at a time; and after either, the person's right code is refused. A guess counts "
                + "as evaluated when it gets exactly the answer a first wrong guess gets.";
    }

    @Override
    public void run(Harness h, ProbeResult.Builder r) throws InterruptedException {
        AttemptCalibration c = h.attempts();
        r.evidence("declaredMaxAttempts", c.declared() > 0 ? c.declared() : "not declared");
        r.evidence("oneAtATimeGuesses", c.answers().size());
        r.evidence("oneAtATimeEvaluated", c.evaluated());
        r.evidence("oneAtATimeAnswers", Reply.tally(c.answers()));
        r.evidence("rightCodeAfterOneAtATime", c.rightAfter().describe());
        if (!c.limitSeen()) {
            r.weakness(c.declared() > 0 && c.declared() <= AttemptCalibration.MAX_PROBED_ATTEMPTS
                    ? "all " + c.bound() + " wrong guesses sent one at a time were evaluated, above the declared "
                            + "max-attempts " + c.declared()
                    : "no attempt limit: all " + c.bound() + " wrong guesses sent one at a time were evaluated "
                            + "(NIST SP 800-63B allows at most " + AttemptCalibration.MAX_PROBED_ATTEMPTS + ")");
        }
        if (c.rightAfter().accepted()) {
            r.weakness("the right code was still accepted after " + c.answers().size() + " wrong guesses one at a time");
        }

        int limit = c.limit();
        int size = limit + h.options().parallel();
        Identity p = h.person();
        h.sendAccepted(p);
        String code = h.awaitCode(p, 1);
        List<Callable<Reply>> guesses = new ArrayList<>(size);
        for (String wrong : h.wrongCodes(p, size)) {
            guesses.add(() -> h.verify(p, wrong));
        }
        List<Reply> replies = h.burst(guesses);
        long evaluated = Reply.count(replies, c::evaluated);
        Reply right = h.verify(p, code);
        r.evidence("raceGuessesAtOnce", size);
        r.evidence("raceEvaluated", evaluated);
        r.evidence("raceBeyondLimit", Math.max(0, evaluated - limit));
        r.evidence("raceAnswers", Reply.tally(replies));
        r.evidence("rightCodeAfterRace", right.describe());
        if (evaluated > limit) {
            r.weakness("race: " + evaluated + " of " + size + " wrong guesses sent at once were evaluated, "
                    + (evaluated - limit) + " beyond the " + limit + " evaluated one at a time");
        }
        if (right.accepted()) {
            r.weakness("race: the right code was accepted after " + size + " wrong guesses sent at once");
        }
        r.held(c.evaluated() + " wrong guesses evaluated one at a time, " + evaluated + " of " + size
                + " sent at once; the right code refused after both");
    }
}
