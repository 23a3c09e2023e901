package dev.otpsim.security;

import dev.otpsim.target.TargetProtocol.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * (d) Do per-person send limits hold under a flood? Every code a target sends is a message
 * someone pays for (SMS pumping). One person asks for codes back to back until refused; another
 * asks that many plus {@code --parallel} times at once. What counts is the codes that reached
 * the gateway, whatever the target answered.
 */
final class SendFloodProbe implements SecurityProbe {
    /** A burst of this many codes to one person with no refusal is no limit at all. */
    static final int MAX_BACK_TO_BACK = 10;

    @Override
    public String id() {
        return "send-flooding";
    }

    @Override
    public String title() {
        return "Send limits hold under a flood";
    }

    @Override
    public String criterion() {
        return "Back to back, the target refuses a person's sends within the declared max-sends and within "
                + MAX_BACK_TO_BACK + "; sent at once, no more codes reach the gateway (and no more sends are "
                + "accepted) than back to back; and never more codes than accepted sends.";
    }

    @Override
    public void run(Harness h, ProbeResult.Builder r) throws InterruptedException {
        Integer declared = h.limits().maxSends();
        int bound = Math.min(declared == null ? MAX_BACK_TO_BACK : declared, MAX_BACK_TO_BACK) + 1;
        r.evidence("declaredMaxSends", declared == null ? "not declared" : declared);
        if (h.limits().resendCooldownMs() != null) {
            r.evidence("resendCooldownMs", h.limits().resendCooldownMs());
        }

        Identity p = h.person();
        List<Reply> seq = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < bound; i++) {
            h.checkTime();
            Reply reply = h.send(p);
            seq.add(reply);
            if (!reply.accepted()) {
                break;
            }
            accepted++;
        }
        if (accepted == 0) {
            throw new Inconclusive("a fresh person's first send was answered " + seq.get(0).describe()
                    + h.mappingHint("send"));
        }
        int seqCodes = h.settleCodes(p, accepted);
        boolean limited = accepted < bound;
        r.evidence("backToBackSends", seq.size());
        r.evidence("backToBackAccepted", accepted);
        r.evidence("backToBackCodesAtGateway", seqCodes);
        r.evidence("backToBackAnswers", Reply.tally(seq));
        if (!limited) {
            r.weakness(declared != null && declared <= MAX_BACK_TO_BACK
                    ? "all " + bound + " sends back to back were accepted, above the declared max-sends " + declared
                    : "no send limit: all " + bound + " sends back to back to one person were accepted");
        }
        if (seqCodes > accepted) {
            r.weakness("back to back: " + seqCodes + " codes reached the gateway for " + accepted + " accepted sends");
        }

        int limit = accepted;
        int size = limit + h.options().parallel();
        Identity q = h.person();
        List<Callable<Reply>> sends = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            sends.add(() -> h.send(q));
        }
        List<Reply> replies = h.burst(sends);
        long acceptedAtOnce = Reply.count(replies, Reply::accepted);
        int codes = h.settleCodes(q, (int) acceptedAtOnce);
        r.evidence("sendsAtOnce", size);
        r.evidence("acceptedAtOnce", acceptedAtOnce);
        r.evidence("codesAtGatewayAtOnce", codes);
        r.evidence("answersAtOnce", Reply.tally(replies));
        if (codes > limit) {
            r.weakness("flood: " + codes + " codes reached the gateway for " + size + " sends at once, "
                    + (codes - limit) + " more than the " + limit + " back to back");
        } else if (acceptedAtOnce > limit) {
            r.weakness("flood: " + acceptedAtOnce + " of " + size + " sends at once were accepted, more than the "
                    + limit + " back to back");
        }
        if (codes > acceptedAtOnce) {
            r.weakness("flood: " + codes + " codes reached the gateway for " + acceptedAtOnce + " accepted sends");
        }
        r.held(accepted + " accepted back to back before a refusal; " + codes + (codes == 1 ? " code" : " codes")
                + " reached the gateway for " + size + " sends at once");
    }
}
