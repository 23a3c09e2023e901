package dev.otpsim.ledger;

import dev.otpsim.person.TargetAnswer;

/**
 * Classifies one submission from ledger truth (which codes were really issued to the person, and
 * when) and cross-checks the target's answer. Plain Java, no clock: the caller passes times.
 *
 * <pre>{@code
 * Classification c = new Classifier(600_000, true).classify(issued, "123456", requestedAtMillis, targetAnswer);
 * }</pre>
 * Rules (README, "How the figures are counted"): the target's locked, rate-limited and error
 * answers are the outcome as such (no code was judged). Otherwise, in this order of precedence:
 * <ol>
 *   <li>never issued to this person → {@code mistyped};</li>
 *   <li>a different code was issued after it and before the submission → {@code stale}, whether or
 *       not it had also run out (then {@code pastTtl} is set too: stale figures do not shrink when
 *       validity does);</li>
 *   <li>issued longer than the code's validity ago → {@code expired};</li>
 *   <li>else {@code accepted}.</li>
 * </ol>
 * A stale code the target accepts stays stale (counted as stale-accepted) — unless the target is
 * known to keep only the latest code valid, in which case accepting it is impossible, and the
 * ledger reports a disagreement instead of passing it off as a result.
 */
public final class Classifier {
    private final long codeTtlMillis;
    private final boolean latestOnly;

    /**
     * @param codeTtlMillis validity of a code from its first issue; ≤ 0 when unknown (never "expired")
     * @param latestOnly    the target is known to accept only the newest code (reference target under
     *                      latest-only, or an external target declared so)
     */
    public Classifier(long codeTtlMillis, boolean latestOnly) {
        this.codeTtlMillis = codeTtlMillis;
        this.latestOnly = latestOnly;
    }

    public Classification classify(IssuedCodes issued, String typed, long atMillis, TargetAnswer answer) {
        String said = answer.kind().id();
        Classification as = asAnswered(answer);
        if (as != null) {
            return as;
        }
        IssuedCodes.Issue issue = issued.find(typed, atMillis);
        SubmissionOutcome truth;
        boolean pastTtl = issue != null && codeTtlMillis > 0 && atMillis - issue.firstIssuedAtMillis() > codeTtlMillis;
        if (issue == null) {
            truth = SubmissionOutcome.MISTYPED;
        } else if (issued.newerThan(typed, issue.lastIssuedAtMillis(), atMillis)) {
            truth = SubmissionOutcome.STALE;
        } else if (pastTtl) {
            truth = SubmissionOutcome.EXPIRED;
        } else {
            truth = SubmissionOutcome.ACCEPTED;
        }
        boolean targetAccepted = answer.kind() == TargetAnswer.Kind.ACCEPTED;
        boolean staleAccepted = truth == SubmissionOutcome.STALE && targetAccepted;
        String disagreement = null;
        if (staleAccepted && latestOnly) {
            disagreement = "ledger=stale target=accepted (impossible when only the latest code is valid)";
        } else if (!agrees(truth, pastTtl, answer.kind())) {
            disagreement = "ledger=" + truth.id() + " target=" + said;
        }
        return new Classification(truth, staleAccepted, pastTtl, said, disagreement);
    }

    /**
     * The outcome when the target's answer is it as such — locked, rate-limited, code-dead, error:
     * no code was judged — else null.
     */
    static Classification asAnswered(TargetAnswer answer) {
        SubmissionOutcome o = switch (answer.kind()) {
            case LOCKED -> SubmissionOutcome.LOCKED;
            case RATE_LIMITED -> SubmissionOutcome.RATE_LIMITED;
            case ERROR -> SubmissionOutcome.ERROR;
            case CODE_DEAD -> SubmissionOutcome.CODE_DEAD;
            default -> null;
        };
        return o == null ? null : new Classification(o, false, false, answer.kind().id(), null);
    }

    private static boolean agrees(SubmissionOutcome truth, boolean pastTtl, TargetAnswer.Kind said) {
        return switch (truth) {
            case ACCEPTED -> said == TargetAnswer.Kind.ACCEPTED;
            // Rotation decides whether a superseded code still works: either answer is consistent,
            // and one that also ran out may be called expired.
            case STALE -> said == TargetAnswer.Kind.ACCEPTED || said == TargetAnswer.Kind.INVALID
                    || (pastTtl && said == TargetAnswer.Kind.EXPIRED);
            // Many services answer "invalid" for an expired code.
            case EXPIRED -> said == TargetAnswer.Kind.EXPIRED || said == TargetAnswer.Kind.INVALID;
            case MISTYPED -> said == TargetAnswer.Kind.INVALID;
            default -> true;
        };
    }
}
