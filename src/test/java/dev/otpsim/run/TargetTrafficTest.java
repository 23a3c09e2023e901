package dev.otpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.otpsim.http.NoAnswer;
import dev.otpsim.person.TargetAnswer;
import dev.otpsim.target.ReferenceProtocol;
import dev.otpsim.target.TargetProtocol;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests with no usable answer, counted by reason, and said in words. */
class TargetTrafficTest {

    @Test
    void unansweredRequestsAreCountedByReasonAndDescribed() {
        TargetTraffic traffic = new TargetTraffic();
        TargetProtocol p = traffic.counting(new ReferenceProtocol("http://127.0.0.1:9000"));
        for (int i = 0; i < 50; i++) {
            traffic.noAnswer(TargetTraffic.SEND, NoAnswer.REFUSED);
            assertEquals(TargetAnswer.Kind.ERROR, p.sendAnswer(-1, null, h -> null).kind());
        }
        assertEquals(TargetAnswer.Kind.INVALID, p.verifyAnswer(401, "{}").kind(), "mapped as the protocol maps it");
        p.verifyAnswer(-1, null); // a failure nobody reported the reason of
        traffic.noAnswer(TargetTraffic.VERIFY, "answered 503");
        p.verifyAnswer(-1, null);

        TargetTraffic.Snapshot s = traffic.snapshot();
        assertEquals(Map.of("send", 50L, "verify", 3L), s.asked());
        assertEquals(Map.of(NoAnswer.REFUSED, 50L), s.unanswered().get("send"));
        assertEquals(Map.of("answered 503", 1L, NoAnswer.UNREPORTED, 1L), s.unanswered().get("verify"));
        assertEquals("connection refused at http://127.0.0.1:9000 for 50 of 50 sends; "
                + "answered 503 at http://127.0.0.1:9000 for 1 of 3 verifications; "
                + "no answer (reason not reported) at http://127.0.0.1:9000 for 1 of 3 verifications",
                s.describe("http://127.0.0.1:9000"));
    }

    @Test
    void reasonsNeverOutnumberTheRequestsLeftUnanswered() {
        TargetTraffic traffic = new TargetTraffic();
        TargetProtocol p = traffic.counting(new ReferenceProtocol("http://127.0.0.1:9000"));
        p.sendAnswer(-1, null);
        traffic.noAnswer(TargetTraffic.SEND, NoAnswer.REQUEST_TIMEOUT);
        traffic.noAnswer(TargetTraffic.SEND, NoAnswer.REQUEST_TIMEOUT); // cut off at the run's end, never read
        assertEquals(Map.of(NoAnswer.REQUEST_TIMEOUT, 1L), traffic.snapshot().unanswered().get("send"));
        assertEquals("", new TargetTraffic().snapshot().describe("x"), "nothing unanswered, nothing to say");
    }
}
