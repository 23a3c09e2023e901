package dev.otpsim.ledger;

import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.carrier.DeliveryEvents;
import dev.otpsim.carrier.LossReason;
import dev.otpsim.handset.Channel;
import dev.otpsim.metrics.RunMetrics;
import dev.otpsim.person.JourneyOutcome;
import dev.otpsim.person.TargetAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's ground truth: every send request, issue, delivery, loss, submission and target
 * answer, with simulated timestamps. Classifies each submission ({@link Classifier}) and feeds
 * the aggregates ({@link RunMetrics}); per-event detail goes to {@link LedgerLog}.
 *
 * <p><b>When a code counts as issued.</b> A target generates a code while answering a send
 * request and hands it to the gateway over HTTP; under load that hand-over can lag by seconds.
 * The k-th code the gateway receives for a person belongs to their k-th accepted send, so the
 * ledger dates it at the earlier of the two (the target had the code by the time it said 202).
 * A submission made while an accepted send's code has not reached the gateway yet is classified
 * once it does — otherwise the ledger would call a superseded code "accepted" just because the
 * newer one was still in flight — or at the journey's end if it never does.
 *
 * <p>Per-journey state lives only while the journey runs (a few codes and flags), so memory
 * does not grow with completed journeys. Thread-safe: people and carriers report concurrently.
 * <pre>{@code
 * ledger.journeyStarted("u-17", now);
 * ledger.sendAnswered("u-17", Channel.SMS, TargetAnswer.ACCEPTED, now);   // target said 202
 * // the gateway calls ledger.issued(message) and the carrier ledger.delivered(...)
 * ledger.submitted("u-17", "123456", now, answer).thenAccept(c -> ...);
 * ledger.journeyEnded("u-17", JourneyOutcome.SUCCESS, now);
 * }</pre>
 */
public final class Ledger implements DeliveryEvents {
    private final Classifier classifier;
    private final RunMetrics metrics;
    private final LedgerLog log;
    private final ConcurrentHashMap<String, Journey> journeys = new ConcurrentHashMap<>();

    /** A submission waiting for codes still on their way to the gateway. */
    private record Pending(String typed, long atMillis, TargetAnswer answer, int sendsBefore,
                           CompletableFuture<Classification> result) {
    }

    /** One running journey's truth. Guarded by its own monitor. */
    private static final class Journey {
        final long startedAt;
        final IssuedCodes codes = new IssuedCodes();
        final List<Long> acceptedSendTimes = new ArrayList<>(2);
        int issuesReceived;
        boolean hitLock;
        boolean mistyped;
        boolean rejectedStale;
        List<Pending> pending;

        Journey(long startedAt) {
            this.startedAt = startedAt;
        }

        int sendsAcceptedBy(long atMillis) {
            int n = 0;
            for (long t : acceptedSendTimes) {
                n += t <= atMillis ? 1 : 0;
            }
            return n;
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
                first = j.acceptedSendTimes.isEmpty();
                j.acceptedSendTimes.add(atMillis);
            } else if (answer.kind() == TargetAnswer.Kind.LOCKED) {
                j.hitLock = true;
            }
        }
        if (answer.kind() == TargetAnswer.Kind.ACCEPTED) {
            metrics.sendAccepted(atMillis, first);
        }
        log.event(atMillis, "send-answer", address, channel.id(), null, answer.kind().id());
    }

    /**
     * Records a submission; its classification completes at once, or when the codes of every
     * send accepted before it have reached the gateway (at the latest when the journey ends).
     */
    public CompletableFuture<Classification> submitted(String address, String typed, long atMillis,
                                                       TargetAnswer answer) {
        Journey j = journeys.get(address);
        if (j == null) {
            Classification c = new Classification(SubmissionOutcome.ERROR, false, "ledger=unknown-journey");
            record(address, typed, atMillis, c);
            return CompletableFuture.completedFuture(c);
        }
        CompletableFuture<Classification> result = new CompletableFuture<>();
        synchronized (j) {
            int sendsBefore = j.sendsAcceptedBy(atMillis);
            Pending p = new Pending(typed, atMillis, answer, sendsBefore, result);
            if (j.issuesReceived >= sendsBefore || !answerJudgesCode(answer)) {
                classify(j, address, p);
            } else {
                if (j.pending == null) {
                    j.pending = new ArrayList<>(1);
                }
                j.pending.add(p);
            }
        }
        return result;
    }

    public void journeyEnded(String address, JourneyOutcome outcome, long atMillis) {
        Journey j = journeys.remove(address);
        if (j == null) {
            return;
        }
        synchronized (j) {
            if (j.pending != null) {
                // Codes that never reached the gateway: judge with what it did receive.
                for (Pending p : j.pending) {
                    classify(j, address, p);
                }
                j.pending = null;
            }
            metrics.journeyEnded(atMillis, outcome, j.hitLock, j.mistyped, j.rejectedStale, atMillis - j.startedAt);
        }
        log.event(atMillis, "journey-end", address, null, null, outcome.id());
    }

    /**
     * Ends every journey still running (the run's time bound cut them off) with {@code outcome}.
     *
     * @return how many there were
     */
    public long endAll(JourneyOutcome outcome, long atMillis) {
        long n = 0;
        for (String address : List.copyOf(journeys.keySet())) {
            journeyEnded(address, outcome, atMillis);
            n++;
        }
        return n;
    }

    /** Journeys still running (for progress and for ending a run cleanly). */
    public int running() {
        return journeys.size();
    }

    // ---- the carriers' side --------------------------------------------------------------

    @Override
    public void issued(CarrierMessage m) {
        metrics.issued(m.channel());
        Journey j = journeys.get(m.to());
        if (j != null && m.code() != null) {
            synchronized (j) {
                int k = j.issuesReceived++;
                long at = k < j.acceptedSendTimes.size()
                        ? Math.min(m.issuedAtMillis(), j.acceptedSendTimes.get(k)) : m.issuedAtMillis();
                j.codes.issued(m.code(), at);
                if (j.pending != null) {
                    List<Pending> waiting = j.pending;
                    j.pending = null;
                    for (Pending p : waiting) {
                        if (j.issuesReceived >= p.sendsBefore()) {
                            classify(j, m.to(), p);
                        } else {
                            (j.pending == null ? j.pending = new ArrayList<>(1) : j.pending).add(p);
                        }
                    }
                }
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

    // ---- internals -----------------------------------------------------------------------

    /** Locked, rate-limited and error answers are the outcome as such: no need to wait for codes. */
    private static boolean answerJudgesCode(TargetAnswer answer) {
        return switch (answer.kind()) {
            case ACCEPTED, INVALID, EXPIRED -> true;
            default -> false;
        };
    }

    /** Classifies under the journey's lock and records the result. */
    private void classify(Journey j, String address, Pending p) {
        Classification c = classifier.classify(j.codes, p.typed(), p.atMillis(), p.answer());
        j.hitLock |= c.outcome() == SubmissionOutcome.LOCKED;
        j.mistyped |= c.outcome() == SubmissionOutcome.MISTYPED;
        j.rejectedStale |= c.outcome() == SubmissionOutcome.STALE && !c.staleAccepted();
        record(address, p.typed(), p.atMillis(), c);
        p.result().complete(c);
    }

    private void record(String address, String typed, long atMillis, Classification c) {
        metrics.submission(atMillis, c);
        log.event(atMillis, "submission", address, null, typed,
                c.outcome().id() + (c.staleAccepted() ? "/accepted" : "")
                        + (c.disagreement() == null ? "" : " (" + c.disagreement() + ")"));
    }
}
