package dev.otpsim.security;

import dev.otpsim.target.TargetProtocol.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * (e) Do issued codes look uniformly random? {@code --codes} fresh people get one code each; a
 * few more people get three codes in a row (each used before the next is asked for, so the
 * target must issue a fresh one). {@link CodeStatistics} judges them.
 */
final class CodeEntropyProbe implements SecurityProbe {
    /** People asked for several codes each, for repeats within a person. */
    static final int REPEAT_PEOPLE = 10;
    static final int CODES_PER_PERSON = 3;
    private static final int EXAMPLES = 8;

    @Override
    public String id() {
        return "code-entropy";
    }

    @Override
    public String title() {
        return "Codes look uniformly random";
    }

    @Override
    public String criterion() {
        return "Every code has the same length; χ² over all digits and over each position does not reject uniform "
                + "digits; equal codes across people and within one person's successive codes are no more frequent "
                + "than chance allows. Each p-value is held to 1e-6 split over the tests made (Bonferroni).";
    }

    @Override
    public void run(Harness h, ProbeResult.Builder r) throws InterruptedException {
        int threads = Math.max(1, Math.min(16, h.options().parallel()));
        List<Callable<String>> firsts = new ArrayList<>();
        for (int i = 0; i < h.options().codes(); i++) {
            firsts.add(() -> {
                Identity p = h.person();
                h.sendAccepted(p);
                return h.awaitCode(p, 1);
            });
        }
        List<String> sample = h.inParallel(threads, firsts);

        Integer maxSends = h.limits().maxSends();
        int perPerson = Math.min(CODES_PER_PERSON, maxSends == null ? CODES_PER_PERSON : maxSends);
        List<List<String>> successive = new ArrayList<>();
        if (perPerson >= 2) {
            List<Callable<List<String>>> people = new ArrayList<>();
            for (int i = 0; i < REPEAT_PEOPLE; i++) {
                people.add(() -> successiveCodes(h, perPerson));
            }
            // The embedded target's cooldowns are waited out by moving its clock: one person at a time,
            // so no jump expires a code another person is about to type. An external target's are real waits.
            successive = h.inParallel(h.embedded() ? 1 : REPEAT_PEOPLE, people);
        } else {
            r.note("the target allows one send per person, so no person was sent successive codes");
        }
        List<String> all = new ArrayList<>(sample);
        successive.forEach(all::addAll);
        CodeStatistics.Result stats = CodeStatistics.analyse(all, successive);
        r.evidence("codesFromFreshPeople", sample.size());
        r.evidence("successiveCodes", successive.stream().map(List::size).toList());
        r.evidence("examples", sample.subList(0, Math.min(EXAMPLES, sample.size())));
        r.evidence("lengths", stats.lengths());
        if (!stats.numeric()) {
            r.skip("the codes are not all digits (e.g. \"" + all.get(0) + "\"): this probe tests numeric codes only");
            return;
        }
        r.evidence("tests", CodeStatistics.evidence(stats));
        r.evidence("levelPerTest", String.format(Locale.ROOT, "%.3g", stats.alphaPerTest()));
        stats.failures().forEach(r::weakness);
        double lowest = stats.tests().stream().mapToDouble(CodeStatistics.Test::p).min().orElse(1);
        r.held(all.size() + " codes, no test below its level (lowest p " + CodeStatistics.p(lowest) + ")");
    }

    /** One person's codes in a row, each used (accepted) before the next send, so each must be new. */
    private static List<String> successiveCodes(Harness h, int count) throws InterruptedException {
        Identity p = h.person();
        List<String> codes = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            h.sendAccepted(p);
            String code = h.awaitCode(p, k);
            codes.add(code);
            Reply used = h.verify(p, code);
            if (!used.accepted()) {
                throw new Inconclusive("the right code of " + p.user() + " was answered " + used.describe()
                        + "; expected it accepted" + h.mappingHint("verify"));
            }
        }
        return codes;
    }
}
