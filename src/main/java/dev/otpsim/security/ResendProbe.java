package dev.otpsim.security;

import dev.otpsim.target.TargetProtocol.Identity;
import dev.otpsim.person.TargetAnswer;
import java.util.ArrayList;
import java.util.List;

/**
 * (b) Does a resend give fresh attempts? The known bypass: if a new code resets the failure
 * count, every send buys another max-attempts guesses. One person uses all but one attempt,
 * asks for a new code and guesses on; another reaches the limit, then asks for a new code.
 */
final class ResendProbe implements SecurityProbe {
    private static final int MAX_SEND_TRIES = 5;

    @Override
    public String id() {
        return "resend-resets-attempts";
    }

    @Override
    public String title() {
        return "Resend does not reset attempts";
    }

    @Override
    public String criterion() {
        return "With L the wrong guesses evaluated one at a time before the target refuses more (see attempt-limit): "
                + "after L-1 wrong guesses and a resend, at most 1 more wrong guess is evaluated; after L wrong guesses, "
                + "a resend is refused or its code gets no evaluated wrong guess.";
    }

    @Override
    public void run(Harness h, ProbeResult.Builder r) throws InterruptedException {
        AttemptCalibration c = h.attempts();
        if (!c.limitSeen()) {
            r.skip("no attempt limit to reset: wrong guesses one at a time were never refused (see attempt-limit)");
            return;
        }
        int limit = c.evaluated();
        r.evidence("attemptLimitOneAtATime", limit);

        // Nearly locked: L-1 failures, then a new code.
        Identity p = h.person();
        h.sendAccepted(p);
        h.awaitCode(p, 1);
        List<Reply> before = new ArrayList<>();
        for (String wrong : h.wrongCodes(p, limit - 1)) {
            h.checkTime();
            before.add(h.verify(p, wrong));
        }
        Reply resend = h.sendAccepted(p);
        h.awaitCode(p, 2);
        List<Reply> after = guessUntilRefused(h, p, c, limit + 1);
        long afterEvaluated = Reply.count(after, c::evaluated);
        r.evidence("nearlyLockedWrongBefore", Reply.tally(before));
        r.evidence("nearlyLockedResend", resend.describe());
        r.evidence("nearlyLockedEvaluatedAfterResend", afterEvaluated);
        r.evidence("nearlyLockedAnswersAfterResend", Reply.tally(after));
        if (afterEvaluated > 1) {
            r.weakness("after " + (limit - 1) + " wrong guesses a resend gave " + afterEvaluated
                    + " more evaluated guesses (at most 1 keeps the total at " + limit + ")");
        }

        // At the limit: the answers have changed (locked, code dropped); does a new code bring guesses back?
        Identity q = h.person();
        h.sendAccepted(q);
        h.awaitCode(q, 1);
        List<Reply> toLimit = guessUntilRefused(h, q, c, limit + 1);
        r.evidence("atLimitAnswers", Reply.tally(toLimit));
        Reply resend2 = null;
        String waited = "";
        for (int i = 0; i < MAX_SEND_TRIES; i++) {
            h.checkTime();
            resend2 = h.send(q);
            if (resend2.kind() != TargetAnswer.Kind.RATE_LIMITED) {
                break;
            }
            try {
                h.waitOut(resend2, q);
            } catch (Inconclusive tooLong) {
                waited = " (asks for a wait beyond the probe's time bound)";
                break;
            }
        }
        r.evidence("atLimitResend", resend2.describe() + waited);
        if (!resend2.accepted()) {
            r.held("after " + (limit - 1) + " wrong guesses and a resend, " + afterEvaluated
                    + " more evaluated; at the limit a resend was refused (" + resend2.kind().id() + ")");
            return;
        }
        h.awaitCode(q, 2);
        List<Reply> after2 = guessUntilRefused(h, q, c, limit + 1);
        long after2Evaluated = Reply.count(after2, c::evaluated);
        r.evidence("atLimitEvaluatedAfterResend", after2Evaluated);
        r.evidence("atLimitAnswersAfterResend", Reply.tally(after2));
        if (after2Evaluated > 0) {
            r.weakness("after reaching the limit, a resend gave " + after2Evaluated + " fresh evaluated guesses");
        }
        r.held("after " + (limit - 1) + " wrong guesses and a resend, " + afterEvaluated
                + " more evaluated; at the limit a resend was accepted but its code got no evaluated guess");
    }

    /** Wrong guesses one at a time until one is not evaluated (refused), at most {@code bound}. */
    private static List<Reply> guessUntilRefused(Harness h, Identity who, AttemptCalibration c, int bound)
            throws InterruptedException {
        List<Reply> replies = new ArrayList<>();
        for (String wrong : h.wrongCodes(who, bound)) {
            h.checkTime();
            Reply reply = h.verify(who, wrong);
            replies.add(reply);
            if (!c.evaluated(reply)) {
                break;
            }
        }
        return replies;
    }
}
