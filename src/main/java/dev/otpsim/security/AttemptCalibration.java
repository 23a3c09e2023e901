package dev.otpsim.security;

import dev.otpsim.target.TargetProtocol.Identity;
import dev.otpsim.person.TargetAnswer;
import java.util.ArrayList;
import java.util.List;

/**
 * The attempt limit as one person meets it going one wrong guess at a time: how many wrong
 * guesses the target <em>evaluated</em> — answered exactly as it answers a first wrong guess
 * (same {@link AnswerShape}, mapped to invalid) — before its answers changed (locked, code
 * gone, ...). Races are judged against this number: parallel guessing must not get more
 * guesses evaluated than sequential guessing does.
 *
 * @param declared   the declared or configured limit, 0 when not declared
 * @param bound      wrong guesses the measurement was allowed to send
 * @param evaluated  wrong guesses evaluated before the answers changed
 * @param limitSeen  whether the answers changed within the bound
 * @param wrongShape the shape of an evaluated wrong guess
 * @param answers    every answer, in order
 * @param rightAfter the answer to the right code, sent once the guessing stopped
 */
record AttemptCalibration(int declared, int bound, int evaluated, boolean limitSeen, String wrongShape,
                          List<Reply> answers, Reply rightAfter) {
    /** NIST SP 800-63B: at most 100 consecutive failed attempts on one account. */
    static final int MAX_PROBED_ATTEMPTS = 100;

    static AttemptCalibration measure(Harness h) throws InterruptedException {
        Integer d = h.limits().maxAttempts();
        int declared = d == null ? 0 : d;
        int bound = Math.min(declared > 0 ? declared : MAX_PROBED_ATTEMPTS, MAX_PROBED_ATTEMPTS) + 1;
        Identity p = h.person();
        h.sendAccepted(p);
        String code = h.awaitCode(p, 1);
        List<Reply> answers = new ArrayList<>();
        String shape = null;
        int evaluated = 0;
        boolean changed = false;
        for (String wrong : h.wrongCodes(p, bound)) {
            h.checkTime();
            Reply r = h.verify(p, wrong);
            answers.add(r);
            if (shape == null) {
                if (r.kind() != TargetAnswer.Kind.INVALID) {
                    throw new Inconclusive("a first wrong code was answered " + r.describe()
                            + "; expected it to mean invalid" + h.mappingHint("verify"));
                }
                shape = r.shape();
            }
            if (r.kind() == TargetAnswer.Kind.INVALID && r.shape().equals(shape)) {
                evaluated++;
            } else {
                changed = true;
                break;
            }
        }
        Reply right = h.verify(p, code);
        return new AttemptCalibration(declared, bound, evaluated, changed, shape, List.copyOf(answers), right);
    }

    /** Whether an answer to a wrong guess says it was evaluated (as opposed to refused). */
    boolean evaluated(Reply r) {
        return r.kind() == TargetAnswer.Kind.INVALID && r.shape().equals(wrongShape);
    }

    /** The number races are held to: the sequential count, or the bound when no limit showed. */
    int limit() {
        return limitSeen ? evaluated : bound;
    }
}
