package dev.otpsim.ledger;

import dev.otpsim.carrier.impairment.LossReason;
import dev.otpsim.handset.Channel;
import dev.otpsim.person.JourneyOutcome;

/**
 * Where the ledger reports what it established, as it happens (simulated ms). The run's
 * aggregates ({@code dev.otpsim.metrics.RunMetrics}) implement it; the ledger knows nothing of
 * windows or histograms. Implementations must be thread-safe and must not block.
 */
public interface Tally {

    void journeyStarted(long atMillis);

    /** A send the target accepted, dated at its request; {@code first} for the journey's first. */
    void sendAccepted(long atMillis, boolean first);

    /** A classified submission, dated at its request. */
    void submission(long atMillis, Classification c);

    /**
     * A journey ended.
     *
     * @param hitLock           the target answered "locked" at least once
     * @param mistyped          at least one submission was never issued (a typo)
     * @param rejectedStale     at least one stale submission was rejected
     * @param hitDeadCode       the target burned a code the person typed (answered "code-dead")
     * @param timeToSignInMillis first send request → accepted submission, for successes (else ignored)
     * @param acceptedSends     sends the target accepted in the journey
     * @param sendsWithoutCode  accepted sends whose code never reached the gateway
     */
    void journeyEnded(long atMillis, JourneyOutcome outcome, boolean hitLock, boolean mistyped, boolean rejectedStale,
                      boolean hitDeadCode, long timeToSignInMillis, int acceptedSends, int sendsWithoutCode);

    void issued(Channel channel);

    /**
     * A copy became visible {@code latencyMillis} after issue, {@code lateMillis} after its
     * carrier planned it (scheduler lateness in scaled real time).
     */
    void delivered(Channel channel, long visibleAtMillis, long latencyMillis, long lateMillis);

    void lost(LossReason reason);

    void duplicated();

    void unknownRecipient();
}
