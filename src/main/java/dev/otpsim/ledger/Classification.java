package dev.otpsim.ledger;

/**
 * A submission's outcome from ledger truth, cross-checked with what the target answered.
 *
 * @param outcome       ledger truth
 * @param staleAccepted a superseded code the target accepted (allowed under any-unexpired and same-code)
 * @param disagreement  null when the target agrees with the ledger; otherwise e.g.
 *                      {@code "ledger=accepted target=invalid"}, counted and reported, never hidden
 */
public record Classification(SubmissionOutcome outcome, boolean staleAccepted, String disagreement) {
}
