package dev.otpsim.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.person.TargetAnswer;
import org.junit.jupiter.api.Test;

class ClassifierTest {
    private static final long TTL = 600_000;
    private final Classifier classifier = new Classifier(TTL, false);

    private static IssuedCodes issued(Object... codeThenTime) {
        IssuedCodes c = new IssuedCodes();
        for (int i = 0; i < codeThenTime.length; i += 2) {
            c.issued((String) codeThenTime[i], ((Number) codeThenTime[i + 1]).longValue());
        }
        return c;
    }

    @Test
    void theNewestCodeIsAccepted() {
        Classification c = classifier.classify(issued("111111", 0, "222222", 30_000), "222222", 40_000,
                TargetAnswer.ACCEPTED);
        assertEquals(SubmissionOutcome.ACCEPTED, c.outcome());
        assertNull(c.disagreement());
    }

    @Test
    void aSupersededCodeRejectedIsStale() {
        Classification c = classifier.classify(issued("111111", 0, "222222", 30_000), "111111", 40_000,
                TargetAnswer.INVALID);
        assertEquals(SubmissionOutcome.STALE, c.outcome());
        assertFalse(c.staleAccepted());
        assertNull(c.disagreement());
    }

    @Test
    void aSupersededCodeAcceptedUnderAnyUnexpiredIsStaleButAccepted() {
        Classification c = classifier.classify(issued("111111", 0, "222222", 30_000), "111111", 40_000,
                TargetAnswer.ACCEPTED);
        assertEquals(SubmissionOutcome.STALE, c.outcome());
        assertTrue(c.staleAccepted());
        assertNull(c.disagreement());
    }

    @Test
    void sameCodeResentIsNotStale() {
        Classification c = classifier.classify(issued("111111", 0, "111111", 30_000), "111111", 40_000,
                TargetAnswer.ACCEPTED);
        assertEquals(SubmissionOutcome.ACCEPTED, c.outcome());
    }

    @Test
    void aCodeIssuedAfterTheSubmissionDoesNotMakeItStale() {
        Classification c = classifier.classify(issued("111111", 0, "222222", 50_000), "111111", 40_000,
                TargetAnswer.ACCEPTED);
        assertEquals(SubmissionOutcome.ACCEPTED, c.outcome());
    }

    @Test
    void pastItsTtlACodeIsExpired() {
        Classification c = classifier.classify(issued("111111", 0), "111111", TTL + 1, TargetAnswer.EXPIRED);
        assertEquals(SubmissionOutcome.EXPIRED, c.outcome());
        assertNull(c.disagreement());
        // Many services just say "invalid" for an expired code: still consistent.
        assertNull(classifier.classify(issued("111111", 0), "111111", TTL + 1, TargetAnswer.INVALID).disagreement());
    }

    @Test
    void aCodeNeverIssuedIsMistyped() {
        Classification c = classifier.classify(issued("111111", 0), "111112", 5_000, TargetAnswer.INVALID);
        assertEquals(SubmissionOutcome.MISTYPED, c.outcome());
    }

    @Test
    void lockedRateLimitedAndErrorAnswersAreTheOutcome() {
        IssuedCodes codes = issued("111111", 0);
        assertEquals(SubmissionOutcome.LOCKED,
                classifier.classify(codes, "111111", 1, TargetAnswer.locked(1000)).outcome());
        assertEquals(SubmissionOutcome.RATE_LIMITED,
                classifier.classify(codes, "111111", 1, TargetAnswer.rateLimited(1000)).outcome());
        assertEquals(SubmissionOutcome.ERROR, classifier.classify(codes, "111111", 1, TargetAnswer.ERROR).outcome());
    }

    @Test
    void disagreementsAreNamedNotHidden() {
        assertEquals("ledger=accepted target=invalid",
                classifier.classify(issued("111111", 0), "111111", 1_000, TargetAnswer.INVALID).disagreement());
        assertEquals("ledger=mistyped target=accepted",
                classifier.classify(issued("111111", 0), "999999", 1_000, TargetAnswer.ACCEPTED).disagreement());
    }

    @Test
    void unknownTtlNeverSaysExpired() {
        Classification c = new Classifier(0, false).classify(issued("111111", 0), "111111", 10 * TTL, TargetAnswer.ACCEPTED);
        assertEquals(SubmissionOutcome.ACCEPTED, c.outcome());
    }
}
