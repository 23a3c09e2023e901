package dev.otpsim.security;

import dev.otpsim.target.TargetProtocol.Identity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * (f) Can an attacker tell who has an account? Known and unknown users, in alternating order,
 * each ask for a code and type a wrong one; their answers are compared by {@link AnswerShape}.
 * Timing is reported beside, never judged: on a busy machine a difference in milliseconds is
 * as likely the machine's as the target's.
 */
final class EnumerationProbe implements SecurityProbe {
    static final int PAIRS = 10;
    /** Below this, a timing difference is pointed out in a note. */
    private static final double TIMING_NOTE_P = 0.001;

    @Override
    public String id() {
        return "user-enumeration";
    }

    @Override
    public String title() {
        return "Unknown users are answered like known ones";
    }

    @Override
    public String criterion() {
        return "A known and an unknown user get answers of the same shapes (status and body, with the identity and "
                + "every number blanked) to a send and to a wrong code. Timing is reported as supporting evidence "
                + "(medians, Mann-Whitney U) and never decides.";
    }

    @Override
    public void run(Harness h, ProbeResult.Builder r) throws InterruptedException {
        if (!h.knowsUnknownUsers()) {
            r.skip("the scenario does not say who the service does not know: declare it in "
                    + "target.external.expected.unknown-user, e.g. \"ghost-{n}\"");
            return;
        }
        List<Reply> knownSends = new ArrayList<>();
        List<Reply> unknownSends = new ArrayList<>();
        List<Reply> knownVerifies = new ArrayList<>();
        List<Reply> unknownVerifies = new ArrayList<>();
        List<Identity> unknowns = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            h.checkTime();
            Identity known = h.person();
            Identity unknown = h.unknownPerson();
            unknowns.add(unknown);
            for (int j = 0; j < 2; j++) {
                boolean isKnown = (i + j) % 2 == 0; // alternate who goes first
                Identity who = isKnown ? known : unknown;
                Reply send = h.send(who);
                if (isKnown && send.accepted()) {
                    h.awaitCode(who, 1); // so the wrong guess surely differs from the code sent
                }
                Reply verify = h.verify(who, h.wrongCodes(who, 1).get(0));
                (isKnown ? knownSends : unknownSends).add(send);
                (isKnown ? knownVerifies : unknownVerifies).add(verify);
            }
        }
        h.settleCodes(unknowns.get(unknowns.size() - 1), 0); // one quiet spell for codes still on their way
        int codesToUnknown = unknowns.stream().mapToInt(u -> h.codesOf(u).size()).sum();
        r.evidence("pairs", PAIRS);
        r.evidence("knownUserSend", Reply.tally(knownSends));
        r.evidence("unknownUserSend", Reply.tally(unknownSends));
        r.evidence("knownUserWrongCode", Reply.tally(knownVerifies));
        r.evidence("unknownUserWrongCode", Reply.tally(unknownVerifies));
        r.evidence("codesSentToUnknownUsers", codesToUnknown);
        compare(r, "send", knownSends, unknownSends);
        compare(r, "wrong code", knownVerifies, unknownVerifies);
        r.evidence("timing", timing(r, "send", knownSends, unknownSends, "wrong code", knownVerifies, unknownVerifies));
        r.held("known and unknown users got answers of the same shapes to a send and to a wrong code");
    }

    private static void compare(ProbeResult.Builder r, String what, List<Reply> known, List<Reply> unknown) {
        Set<String> k = shapes(known);
        Set<String> u = shapes(unknown);
        if (!k.equals(u)) {
            r.weakness(what + ": a known user is answered " + k + ", an unknown one " + u);
        }
    }

    private static Set<String> shapes(List<Reply> replies) {
        Set<String> s = new TreeSet<>();
        replies.forEach(x -> s.add(x.shape()));
        return s;
    }

    private static Map<String, Object> timing(ProbeResult.Builder r, String what1, List<Reply> k1, List<Reply> u1,
                                              String what2, List<Reply> k2, List<Reply> u2) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put(what1, timing(r, what1, k1, u1));
        t.put(what2, timing(r, what2, k2, u2));
        return t;
    }

    private static String timing(ProbeResult.Builder r, String what, List<Reply> known, List<Reply> unknown) {
        double[] k = millis(known);
        double[] u = millis(unknown);
        double p = new MannWhitneyUTest().mannWhitneyUTest(k, u);
        double mk = new Median().evaluate(k);
        double mu = new Median().evaluate(u);
        String text = String.format(Locale.ROOT, "median %.2f ms known, %.2f ms unknown; Mann-Whitney U p %s",
                mk, mu, CodeStatistics.p(p));
        if (p < TIMING_NOTE_P) {
            r.note(what + " timing differs between known and unknown users (" + text + "): supporting evidence "
                    + "only, repeat on a quiet machine before reading anything into it");
        }
        return text;
    }

    private static double[] millis(List<Reply> replies) {
        return replies.stream().mapToDouble(x -> x.nanos() / 1e6).toArray();
    }
}
