package dev.otpsim.ledger;

import dev.otpsim.person.AppRead;
import dev.otpsim.person.TargetAnswer;
import dev.otpsim.totp.Totp;

/**
 * Classifies a code typed from an authenticator app, from the person's secret (not the target's
 * word), and cross-checks the target's answer. Plain Java, no clock: the caller passes times.
 *
 * <pre>{@code
 * Classification c = AuthenticatorClassifier.classify(truth, read, "287082", submittedAtMillis, answer, lastStep);
 * }</pre>
 * The target's locked, rate-limited, code-dead and error answers are the outcome as such. Otherwise,
 * with W the window around the step of the submission's time:
 * <ol>
 *   <li>the code of a step within W → {@code accepted}, or {@code totp-replayed} when that step is
 *       not after the last one accepted for the person and replays are refused;</li>
 *   <li>else, the code the app showed when the person read it → {@code totp-rolled-over} if its step
 *       was within W at the moment of reading (it left the window while they typed), else
 *       {@code totp-skewed} (the phone's clock put it outside from the start);</li>
 *   <li>else {@code mistyped}.</li>
 * </ol>
 */
public final class AuthenticatorClassifier {
    private AuthenticatorClassifier() {
    }

    /**
     * @param read             what the app showed when the person looked
     * @param lastAcceptedStep the latest step accepted for this person, or {@link Totp#NO_STEP}
     */
    public static Classification classify(AuthenticatorTruth truth, AppRead read, String typed, long atMillis,
                                          TargetAnswer answer, long lastAcceptedStep) {
        String said = answer.kind().id();
        Classification as = Classifier.asAnswered(answer);
        if (as != null) {
            return as;
        }
        Totp totp = truth.totp();
        long now = totp.stepAt(truth.clock().unixMillis(atMillis));
        long step = typed.length() == totp.digits()
                ? totp.matchStep(truth.secret(), typed, now, truth.window()) : Totp.NO_STEP;
        SubmissionOutcome outcome;
        if (step != Totp.NO_STEP) {
            boolean replay = lastAcceptedStep != Totp.NO_STEP && step <= lastAcceptedStep;
            outcome = replay && truth.refuseReplay() ? SubmissionOutcome.TOTP_REPLAYED : SubmissionOutcome.ACCEPTED;
        } else if (read != null && typed.equals(read.code())
                && typed.equals(totp.code(truth.secret(), read.step()))) {
            long then = totp.stepAt(truth.clock().unixMillis(read.readAtMillis()));
            outcome = Math.abs(read.step() - then) <= truth.window()
                    ? SubmissionOutcome.TOTP_ROLLED_OVER : SubmissionOutcome.TOTP_SKEWED;
        } else {
            outcome = SubmissionOutcome.MISTYPED;
        }
        boolean targetAccepted = answer.kind() == TargetAnswer.Kind.ACCEPTED;
        boolean agrees = outcome == SubmissionOutcome.ACCEPTED ? targetAccepted
                : answer.kind() == TargetAnswer.Kind.INVALID || answer.kind() == TargetAnswer.Kind.EXPIRED;
        return new Classification(outcome, false, false, said, agrees ? null : "ledger=" + outcome.id() + " target=" + said);
    }
}
