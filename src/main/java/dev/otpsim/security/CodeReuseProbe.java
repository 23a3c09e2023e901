package dev.otpsim.security;

import dev.otpsim.target.TargetProtocol.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * (c) Is an accepted code accepted again? Once after the fact (a replayed code), and at once
 * (the same code submitted {@code --parallel} times together: a check-then-act race on
 * consuming it signs in more than once).
 */
final class CodeReuseProbe implements SecurityProbe {
    @Override
    public String id() {
        return "code-reuse";
    }

    @Override
    public String title() {
        return "Accepted codes are used once";
    }

    @Override
    public String criterion() {
        return "A code the target accepted is refused when submitted again; of the same right code submitted "
                + "--parallel times at once, exactly one is accepted.";
    }

    @Override
    public void run(Harness h, ProbeResult.Builder r) throws InterruptedException {
        Identity p = h.person();
        h.sendAccepted(p);
        String code = h.awaitCode(p, 1);
        Reply first = h.verify(p, code);
        if (!first.accepted()) {
            throw new Inconclusive("the right code was answered " + first.describe() + "; expected it accepted"
                    + h.mappingHint("verify"));
        }
        Reply again = h.verify(p, code);
        r.evidence("firstSubmission", first.describe());
        r.evidence("sameCodeAgain", again.describe());
        if (again.accepted()) {
            r.weakness("an accepted code was accepted again");
        }

        Identity q = h.person();
        h.sendAccepted(q);
        String code2 = h.awaitCode(q, 1);
        int n = h.options().parallel();
        List<Callable<Reply>> same = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            same.add(() -> h.verify(q, code2));
        }
        List<Reply> replies = h.burst(same);
        long accepted = Reply.count(replies, Reply::accepted);
        r.evidence("sameCodeAtOnce", n);
        r.evidence("acceptedAtOnce", accepted);
        r.evidence("answersAtOnce", Reply.tally(replies));
        if (accepted == 0) {
            throw new Inconclusive("none of " + n + " submissions at once of the right code was accepted: "
                    + Reply.tally(replies));
        }
        if (accepted > 1) {
            r.weakness("race: the same code submitted " + n + " times at once was accepted " + accepted + " times");
        }
        r.held("refused when submitted again; accepted once of " + n + " submitted at once");
    }
}
