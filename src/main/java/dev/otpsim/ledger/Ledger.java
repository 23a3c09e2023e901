package dev.otpsim.ledger;

import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.carrier.DeliveryEvents;
import dev.otpsim.carrier.LossReason;
import dev.otpsim.handset.Channel;
import dev.otpsim.metrics.RunMetrics;
import dev.otpsim.person.JourneyOutcome;
import dev.otpsim.person.TargetAnswer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's ground truth: every send request, issue, delivery, loss, submission and target
 * answer, with simulated timestamps. Classifies each submission ({@link Classifier}) and feeds
 * the aggregates ({@link RunMetrics}); per-event detail goes to {@link LedgerLog}.
 *
 * <p>Per-journey state lives only while the journey runs (a few codes and flags), so memory
 * does not grow with completed journeys. Thread-safe: people and carriers report concurrently.
 * <pre>{@code
 * ledger.journeyStarted("u-17", now);
 * ledger.sendAnswered("u-17", Channel.SMS, TargetAnswer.ACCEPTED, now);   // target said 202
 * // the gateway calls ledger.issued(message) and the carrier ledger.delivered(...)
 * Classification c = ledger.submitted("u-17", "123456", now, answer);
 * ledger.journeyEnded("u-17", JourneyOutcome.SUCCESS, now);
 * }</pre>
 */
public final class Ledger implements DeliveryEvents {
    private final Classifier classifier;
    private final RunMetrics metrics;
    private final LedgerLog log;
    private final ConcurrentHashMap<String, Journey> journeys = new ConcurrentHashMap<>();

    /** One running journey's truth. Guarded by its own monitor. */
    private static final class Journey {
        final long startedAt;
        final IssuedCodes codes = new IssuedCodes();
        int acceptedSends;
        boolean hitLock;
        boolean mistyped;
        boolean rejectedStale;

        Journey(long startedAt) {
            this.startedAt = startedAt;
        }
    }

    public Ledger(Classifier classifier, RunMetrics metrics, LedgerLog log) {
        this.classifier = classifier;
        this.metrics = metrics;
        this.log = log;
    }

    public RunMetrics metrics() {
        return metrics;
    }

    // ---- the person's side ---------------------------------------------------------------

    public void journeyStarted(String address, long atMillis) {
        journeys.put(address, new Journey(atMillis));
        metrics.journeyStarted(atMillis);
        log.event(atMillis, "journey-start", address, null, null, null);
    }

    public void sendRequested(String address, Channel channel, boolean resend, long atMillis) {
        log.event(atMillis, resend ? "resend-request" : "send-request", address, channel.id(), null, null);
    }

    public void sendAnswered(String address, Channel channel, TargetAnswer answer, long atMillis) {
        Journey j = journeys.get(address);
        if (j == null) {
            return;
        }
        boolean first = false;
        synchronized (j) {
            if (answer.kind() == TargetAnswer.Kind.ACCEPTED) {
                first = j.acceptedSends++ == 0;
            } else if (answer.kind() == TargetAnswer.Kind.LOCKED) {
                j.hitLock = true;
            }
        }
        if (answer.kind() == TargetAnswer.Kind.ACCEPTED) {
            metrics.sendAccepted(atMillis, first);
        }
        log.event(atMillis, "send-answer", address, channel.id(), null, answer.kind().id());
    }

    /** Classifies a submission and records it. */
    public Classification submitted(String address, String typed, long atMillis, TargetAnswer answer) {
        Journey j = journeys.get(address);
        Classification c;
        if (j == null) {
            c = new Classification(SubmissionOutcome.ERROR, false, "ledger=unknown-journey");
        } else {
            synchronized (j) {
                c = classifier.classify(j.codes, typed, atMillis, answer);
                j.hitLock |= c.outcome() == SubmissionOutcome.LOCKED;
                j.mistyped |= c.outcome() == SubmissionOutcome.MISTYPED;
                j.rejectedStale |= c.outcome() == SubmissionOutcome.STALE && !c.staleAccepted();
            }
        }
        metrics.submission(atMillis, c);
        log.event(atMillis, "submission", address, null, typed,
                c.outcome().id() + (c.staleAccepted() ? "/accepted" : "")
                        + (c.disagreement() == null ? "" : " (" + c.disagreement() + ")"));
        return c;
    }

    public void journeyEnded(String address, JourneyOutcome outcome, long atMillis) {
        Journey j = journeys.remove(address);
        if (j == null) {
            return;
        }
        synchronized (j) {
            metrics.journeyEnded(atMillis, outcome, j.hitLock, j.mistyped, j.rejectedStale, atMillis - j.startedAt);
        }
        log.event(atMillis, "journey-end", address, null, null, outcome.id());
    }

    // ---- the carriers' side --------------------------------------------------------------

    @Override
    public void issued(CarrierMessage m) {
        metrics.issued(m.channel());
        Journey j = journeys.get(m.to());
        if (j != null && m.code() != null) {
            synchronized (j) {
                j.codes.issued(m.code(), m.issuedAtMillis());
            }
        }
        log.event(m.issuedAtMillis(), "issued", m.to(), m.channel().id(), m.code(), Long.toString(m.id()));
    }

    @Override
    public void delivered(CarrierMessage m, long visibleAtMillis, boolean duplicate) {
        metrics.delivered(m.channel(), visibleAtMillis, visibleAtMillis - m.issuedAtMillis());
        log.event(visibleAtMillis, duplicate ? "delivered-duplicate" : "delivered", m.to(), m.channel().id(),
                m.code(), Long.toString(m.id()));
    }

    @Override
    public void lost(CarrierMessage m, LossReason reason, long atMillis) {
        metrics.lost(reason);
        log.event(atMillis, "lost", m.to(), m.channel().id(), m.code(), reason.id());
    }

    @Override
    public void duplicated(CarrierMessage m, long atMillis) {
        metrics.duplicated();
        log.event(atMillis, "duplicated", m.to(), m.channel().id(), m.code(), Long.toString(m.id()));
    }

    @Override
    public void unknownRecipient(CarrierMessage m) {
        metrics.unknownRecipient();
        log.event(m.issuedAtMillis(), "unknown-recipient", m.to(), m.channel().id(), m.code(), Long.toString(m.id()));
    }

    /** Journeys still running (for progress and for ending a run cleanly). */
    public int running() {
        return journeys.size();
    }
}
