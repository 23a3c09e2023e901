package dev.otpsim.ledger;

/**
 * A submission's outcome from ledger truth, cross-checked with what the target answered.
 *
 * @param outcome       ledger truth
 * @param staleAccepted a superseded code the target accepted (allowed under any-unexpired and same-code)
 * @param pastTtl       the code was older than its validity when typed: true for every {@code expired}
 *                      submission, and for a {@code stale} one whose code had also run out (both facts count)
 * @param answer        what the target said, e.g. {@code invalid}
 * @param disagreement  null when the target agrees with the ledger; otherwise e.g.
 *                      {@code "ledger=accepted target=invalid"}, counted and reported, never hidden
 */
public record Classification(SubmissionOutcome outcome, boolean staleAccepted, boolean pastTtl, String answer,
                             String disagreement) {
}
