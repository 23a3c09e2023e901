package dev.otpsim.ledger;

import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.carrier.DeliveryEvents;
import dev.otpsim.carrier.impairment.LossReason;
import dev.otpsim.handset.Channel;
import dev.otpsim.person.AppRead;
import dev.otpsim.person.JourneyOutcome;
import dev.otpsim.person.TargetAnswer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run's ground truth: every send request, issue, delivery, loss, submission and target
 * answer, with simulated timestamps. Classifies each submission ({@link Classifier}) and reports
 * to the run's aggregates through {@link Tally}; per-event detail goes to {@link LedgerLog}.
 *
 * <p><b>Dating.</b> Sends and submissions are dated at their request (the engine passes that
 * time): the closest the harness can know to when the target acted on them.
 *
 * <p><b>Which send a code belongs to.</b> The embedded target hands each code over with the number
 * of the send it answers, so the ledger pairs them exactly whatever order messages arrive in.
 * For an external target it pairs by order: the k-th code the gateway receives for a person
 * belongs to their k-th accepted send. A code is dated at the earlier of its send's request and
 * the gateway's receipt (the target had it by then). A submission made while a code of an
 * earlier accepted send has not reached the gateway is classified when it does — otherwise a
 * superseded code would be called "accepted" just because the newer one was still in flight —
 * even after the journey ended; codes that never arrive are settled when the run ends
 * ({@link #endAll}).
 *
 * <p>Per-journey state lives only while the journey runs (a few codes and flags) or while one of
 * its submissions waits, so memory does not grow with completed journeys. Thread-safe: people and
 * carriers report concurrently.
 * <pre>{@code
 * ledger.journeyStarted("u-17", now);
 * ledger.sendAnswered("u-17", Channel.SMS, TargetAnswer.ACCEPTED, requestedAt);   // target said 202
 * // the gateway calls ledger.issued(message) and the carrier ledger.delivered(...)
 * ledger.submitted("u-17", "123456", requestedAt, answer).thenAccept(c -> ...);
 * ledger.journeyEnded("u-17", JourneyOutcome.SUCCESS, now);
 * }</pre>
 */
public final class Ledger implements DeliveryEvents {
    private final Classifier classifier;
    private final Tally tally;
    private final LedgerLog log;
    private final ConcurrentHashMap<String, Journey> journeys = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();

    /** A submission waiting for codes still on their way to the gateway. */
    private record Pending(String typed, long atMillis, TargetAnswer answer, int sendsBefore,
                           CompletableFuture<Classification> result) {
    }

    /** One journey's truth. Guarded by its own monitor. */
    private static final class Journey {
        final long startedAt;
        final IssuedCodes codes = new IssuedCodes();
        final List<Long> acceptedSendTimes = new ArrayList<>(2);
        /** Sends (0-based) whose code the gateway received. */
        final BitSet codeArrived = new BitSet(4);
        int unnumberedIssues;
        boolean hitLock;
        boolean mistyped;
        boolean rejectedStale;
        boolean hitDeadCode;
        /** The person's authenticator app, when they have one; the last step accepted from it. */
        AuthenticatorTruth authenticator;
        long lastAppStep = dev.otpsim.totp.Totp.NO_STEP;
        List<Pending> pending;
        // Set when the person's journey is over; the ledger keeps it while a submission waits.
        JourneyOutcome outcome;
        long endedAt;

        Journey(long startedAt) {
            this.startedAt = startedAt;
        }

        /** Whether the codes of the first {@code sends} accepted sends have all reached the gateway. */
        boolean codesIn(int sends) {
            return codeArrived.nextClearBit(0) >= sends;
        }
    }

    public Ledger(Classifier classifier, Tally tally, LedgerLog log) {
        this.classifier = classifier;
        this.tally = tally;
        this.log = log;
    }

    // ---- the person's side ---------------------------------------------------------------

    public void journeyStarted(String address, long atMillis) {
        journeys.put(address, new Journey(atMillis));
        running.incrementAndGet();
        tally.journeyStarted(atMillis);
        log.event(atMillis, "journey-start", address, null, null, null);
    }

    /**
     * The person has an authenticator app enrolled with the target: the truth their app codes are
     * judged by (they never pass the gateway). Call right after {@link #journeyStarted}.
     */
    public void authenticatorEnrolled(String address, AuthenticatorTruth truth) {
        Journey j = journeys.get(address);
        if (j != null) {
            synchronized (j) {
                j.authenticator = truth;
            }
        }
    }

    public void sendRequested(String address, Channel channel, boolean resend, long atMillis) {
        log.event(atMillis, resend ? "resend-request" : "send-request", address, channel.id(), null, null);
    }

    /** The target's answer to a send, dated at the send's request. */
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
            tally.sendAccepted(atMillis, first);
        }
        log.event(atMillis, "send-answer", address, channel.id(), null, answer.kind().id());
    }

    /**
     * Records a submission, dated at its request; its classification completes at once, or when
     * the codes of every send accepted before it have reached the gateway (at the latest when the
     * run ends).
     */
    public CompletableFuture<Classification> submitted(String address, String typed, long atMillis,
                                                       TargetAnswer answer) {
        return submitted(address, typed, atMillis, answer, null);
    }

    /**
     * Records a submission, as above; {@code read} is what the person's authenticator app showed
     * when the code came from it (null for a sent code). An authenticator code is classified at once
     * ({@link AuthenticatorClassifier}), from the enrolled secret: it waits for no gateway.
     */
    public CompletableFuture<Classification> submitted(String address, String typed, long atMillis,
                                                       TargetAnswer answer, AppRead read) {
        if (read != null) {
            return appSubmitted(address, typed, atMillis, answer, read);
        }
        Journey j = journeys.get(address);
        if (j == null) {
            Classification c = new Classification(SubmissionOutcome.ERROR, false, false, answer.kind().id(),
                    "ledger=unknown-journey");
            record(address, typed, atMillis, c);
            return CompletableFuture.completedFuture(c);
        }
        CompletableFuture<Classification> result = new CompletableFuture<>();
        synchronized (j) {
            int sendsBefore = j.acceptedSendTimes.size();
            Pending p = new Pending(typed, atMillis, answer, sendsBefore, result);
            if (j.codesIn(sendsBefore) || !answerJudgesCode(answer)) {
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

    /**
     * The person's journey is over. Its figures are final once no submission of it waits for a
     * code still on its way; until then the ledger keeps its truth.
     */
    public void journeyEnded(String address, JourneyOutcome outcome, long atMillis) {
        Journey j = journeys.get(address);
        if (j == null) {
            return;
        }
        synchronized (j) {
            if (j.outcome != null) {
                return;
            }
            j.outcome = outcome;
            j.endedAt = atMillis;
            running.decrementAndGet();
            log.event(atMillis, "journey-end", address, null, null, outcome.id());
            if (j.pending == null) {
                settle(address, j);
            }
        }
    }

    /**
     * Ends every journey still running (the run's time bound cut them off) with {@code outcome},
     * and settles every submission still waiting for a code that never reached the gateway, judged
     * with the codes that did.
     *
     * @return how many journeys were still running
     */
    public long endAll(JourneyOutcome outcome, long atMillis) {
        long cut = 0;
        for (String address : List.copyOf(journeys.keySet())) {
            Journey j = journeys.get(address);
            if (j == null) {
                continue;
            }
            synchronized (j) {
                if (j.outcome == null) {
                    journeyEnded(address, outcome, atMillis);
                    cut++;
                }
                if (j.pending != null) {
                    List<Pending> waiting = j.pending;
                    j.pending = null;
                    waiting.forEach(p -> classify(j, address, p));
                    settle(address, j);
                }
            }
        }
        return cut;
    }

    /** Journeys still running (for progress and for ending a run cleanly). */
    public int running() {
        return running.get();
    }

    // ---- the carriers' side --------------------------------------------------------------

    @Override
    public void issued(CarrierMessage m) {
        tally.issued(m.channel());
        Journey j = journeys.get(m.to());
        if (j != null && m.code() != null) {
            synchronized (j) {
                int k = m.sendNumber() > 0 ? m.sendNumber() - 1 : j.unnumberedIssues++;
                j.codeArrived.set(k);
                long at = k < j.acceptedSendTimes.size()
                        ? Math.min(m.issuedAtMillis(), j.acceptedSendTimes.get(k)) : m.issuedAtMillis();
                j.codes.issued(m.code(), at);
                if (j.pending != null) {
                    List<Pending> waiting = j.pending;
                    j.pending = null;
                    for (Pending p : waiting) {
                        if (j.codesIn(p.sendsBefore())) {
                            classify(j, m.to(), p);
                        } else {
                            (j.pending == null ? j.pending = new ArrayList<>(1) : j.pending).add(p);
                        }
                    }
                    if (j.pending == null && j.outcome != null) {
                        settle(m.to(), j);
                    }
                }
            }
        }
        log.event(m.issuedAtMillis(), "issued", m.to(), m.channel().id(), m.code(), m.id());
    }

    @Override
    public void delivered(CarrierMessage m, long visibleAtMillis, boolean duplicate, long lateMillis) {
        tally.delivered(m.channel(), visibleAtMillis, visibleAtMillis - m.issuedAtMillis(), lateMillis);
        log.event(visibleAtMillis, duplicate ? "delivered-duplicate" : "delivered", m.to(), m.channel().id(),
                m.code(), m.id());
    }

    @Override
    public void lost(CarrierMessage m, LossReason reason, long atMillis) {
        tally.lost(reason);
        log.event(atMillis, "lost", m.to(), m.channel().id(), m.code(), reason.id());
    }

    @Override
    public void duplicated(CarrierMessage m, long atMillis) {
        tally.duplicated();
        log.event(atMillis, "duplicated", m.to(), m.channel().id(), m.code(), m.id());
    }

    @Override
    public void unknownRecipient(CarrierMessage m) {
        tally.unknownRecipient();
        log.event(m.issuedAtMillis(), "unknown-recipient", m.to(), m.channel().id(), m.code(), m.id());
    }

    // ---- internals -----------------------------------------------------------------------

    /** Locked, rate-limited, dead-code and error answers are the outcome as such: no need to wait for codes. */
    private static boolean answerJudgesCode(TargetAnswer answer) {
        return switch (answer.kind()) {
            case ACCEPTED, INVALID, EXPIRED -> true;
            default -> false;
        };
    }

    /** The journey's figures, once nothing of it waits any more; then it is forgotten. */
    private void settle(String address, Journey j) {
        int sendsWithoutCode = j.acceptedSendTimes.size() - j.codeArrived.cardinality();
        tally.journeyEnded(j.endedAt, j.outcome, j.hitLock, j.mistyped, j.rejectedStale, j.hitDeadCode,
                j.endedAt - j.startedAt, j.acceptedSendTimes.size(), Math.max(0, sendsWithoutCode));
        journeys.remove(address, j);
    }

    private CompletableFuture<Classification> appSubmitted(String address, String typed, long atMillis,
                                                           TargetAnswer answer, AppRead read) {
        if (log.writes()) { // no detail built when no ledger file is written
            log.event(read.readAtMillis(), "app-read", address, APP, read.code(), "step " + read.step());
        }
        Journey j = journeys.get(address);
        Classification c;
        if (j == null || j.authenticator == null) {
            c = new Classification(SubmissionOutcome.ERROR, false, false, answer.kind().id(),
                    j == null ? "ledger=unknown-journey" : "ledger=no-authenticator-enrolled");
            record(address, APP, typed, atMillis, c);
            return CompletableFuture.completedFuture(c);
        }
        synchronized (j) {
            c = AuthenticatorClassifier.classify(j.authenticator, read, typed, atMillis, answer, j.lastAppStep);
            if (c.outcome() == SubmissionOutcome.ACCEPTED) {
                j.lastAppStep = j.authenticator.totp().matchStep(j.authenticator.secret(), typed,
                        j.authenticator.totp().stepAt(j.authenticator.clock().unixMillis(atMillis)),
                        j.authenticator.window());
            }
            flag(j, c);
            record(address, APP, typed, atMillis, c);
        }
        return CompletableFuture.completedFuture(c);
    }

    /** The ledger's name for codes from authenticator apps, in the channel column of ledger.csv. */
    static final String APP = "authenticator";

    private static void flag(Journey j, Classification c) {
        j.hitLock |= c.outcome() == SubmissionOutcome.LOCKED;
        j.mistyped |= c.outcome() == SubmissionOutcome.MISTYPED;
        j.rejectedStale |= c.outcome() == SubmissionOutcome.STALE && !c.staleAccepted();
        j.hitDeadCode |= c.outcome() == SubmissionOutcome.CODE_DEAD;
    }

    /** Classifies under the journey's lock and records the result. */
    private void classify(Journey j, String address, Pending p) {
        Classification c = classifier.classify(j.codes, p.typed(), p.atMillis(), p.answer());
        j.hitLock |= c.outcome() == SubmissionOutcome.LOCKED;
        j.mistyped |= c.outcome() == SubmissionOutcome.MISTYPED;
        j.rejectedStale |= c.outcome() == SubmissionOutcome.STALE && !c.staleAccepted();
        j.hitDeadCode |= c.outcome() == SubmissionOutcome.CODE_DEAD;
        record(address, p.typed(), p.atMillis(), c);
        p.result().complete(c);
    }

    private void record(String address, String typed, long atMillis, Classification c) {
        record(address, null, typed, atMillis, c);
    }

    private void record(String address, String channel, String typed, long atMillis, Classification c) {
        tally.submission(atMillis, c);
        if (!log.writes()) {
            return; // no ledger file: no detail to build
        }
        log.event(atMillis, "submission", address, channel, typed,
                c.outcome().id() + (c.staleAccepted() ? "/accepted" : "") + (c.pastTtl() && c.outcome()
                        == SubmissionOutcome.STALE ? "/past-ttl" : "") + " target=" + c.answer()
                        + (c.disagreement() == null ? "" : " (" + c.disagreement() + ")"));
    }
}
