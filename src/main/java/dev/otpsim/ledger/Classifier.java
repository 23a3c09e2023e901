package dev.otpsim.ledger;

import dev.otpsim.person.TargetAnswer;

/**
 * Classifies one submission from ledger truth (which codes were really issued to the person, and
 * when) and cross-checks the target's answer. Plain Java, no clock: the caller passes times.
 *
 * <pre>{@code
 * Classification c = new Classifier(600_000).classify(issued, "123456", nowMillis, targetAnswer);
 * }</pre>
 * Rules (SPEC "How each figure is counted"): the target's locked, rate-limited and error answers
 * are the outcome as such (no code was judged). Otherwise: never issued → mistyped; issued longer
 * than the code TTL ago → expired; a different code issued after it, before the submission →
 * stale; else accepted. A stale code the target accepts stays stale (counted as stale-accepted).
 */
public final class Classifier {
    private final long codeTtlMillis;

    /** @param codeTtlMillis validity of a code from its first issue; ≤ 0 when unknown (never "expired") */
    public Classifier(long codeTtlMillis) {
        this.codeTtlMillis = codeTtlMillis;
    }

    public Classification classify(IssuedCodes issued, String typed, long atMillis, TargetAnswer answer) {
        switch (answer.kind()) {
            case LOCKED:
                return new Classification(SubmissionOutcome.LOCKED, false, null);
            case RATE_LIMITED:
                return new Classification(SubmissionOutcome.RATE_LIMITED, false, null);
            case ERROR:
                return new Classification(SubmissionOutcome.ERROR, false, null);
            default:
                break;
        }
        SubmissionOutcome truth = truth(issued, typed, atMillis);
        boolean targetAccepted = answer.kind() == TargetAnswer.Kind.ACCEPTED;
        boolean staleAccepted = truth == SubmissionOutcome.STALE && targetAccepted;
        String disagreement = agrees(truth, answer.kind()) ? null
                : "ledger=" + truth.id() + " target=" + answer.kind().id();
        return new Classification(truth, staleAccepted, disagreement);
    }

    SubmissionOutcome truth(IssuedCodes issued, String typed, long atMillis) {
        IssuedCodes.Issue issue = issued.find(typed, atMillis);
        if (issue == null) {
            return SubmissionOutcome.MISTYPED;
        }
        if (codeTtlMillis > 0 && atMillis - issue.firstIssuedAtMillis() > codeTtlMillis) {
            return SubmissionOutcome.EXPIRED;
        }
        if (issued.newerThan(typed, issue.lastIssuedAtMillis(), atMillis)) {
            return SubmissionOutcome.STALE;
        }
        return SubmissionOutcome.ACCEPTED;
    }

    private static boolean agrees(SubmissionOutcome truth, TargetAnswer.Kind said) {
        return switch (truth) {
            case ACCEPTED -> said == TargetAnswer.Kind.ACCEPTED;
            // Rotation decides whether a superseded code still works: either answer is consistent.
            case STALE -> said == TargetAnswer.Kind.ACCEPTED || said == TargetAnswer.Kind.INVALID;
            // Many services answer "invalid" for an expired code.
            case EXPIRED -> said == TargetAnswer.Kind.EXPIRED || said == TargetAnswer.Kind.INVALID;
            case MISTYPED -> said == TargetAnswer.Kind.INVALID;
            default -> true;
        };
    }
}
