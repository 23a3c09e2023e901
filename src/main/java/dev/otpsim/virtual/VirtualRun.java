package dev.otpsim.virtual;

import dev.otpsim.carrier.Carriers;
import dev.otpsim.carrier.gateway.CodeExtractor;
import dev.otpsim.carrier.gateway.MessageIntake;
import dev.otpsim.carrier.gateway.RecipientPolicy;
import dev.otpsim.clock.VirtualScheduler;
import dev.otpsim.distribution.RandomStream;
import dev.otpsim.handset.Handsets;
import dev.otpsim.ledger.Classifier;
import dev.otpsim.ledger.Ledger;
import dev.otpsim.ledger.LedgerLog;
import dev.otpsim.metrics.Recording;
import dev.otpsim.metrics.RunMetrics;
import dev.otpsim.metrics.StormDetector;
import dev.otpsim.metrics.SummaryBuilder;
import dev.otpsim.metrics.WindowWriter;
import dev.otpsim.person.JourneyOutcome;
import dev.otpsim.person.LoadProfile;
import dev.otpsim.person.Person;
import dev.otpsim.run.InProcessHandOver;
import dev.otpsim.run.Journey;
import dev.otpsim.run.RunPlan;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.target.OtpService;
import dev.otpsim.target.ReferenceAnswers;
import dev.otpsim.target.Rotation;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * One replication of a scenario against the embedded reference target, in virtual time: a
 * single-threaded discrete-event loop over the same objects the Gatling engine runs — {@link Person}s
 * through {@link Journey}, {@link OtpService} for the target's policy, {@link dev.otpsim.carrier.Carrier}s
 * for the carriers' faults, the {@link Ledger} for ground truth — with no HTTP, no Akka, no wall
 * clock. Requests are answered at the instant they are made; a person waiting for a code wakes
 * when the carrier puts it in their handset, not by glancing at it.
 *
 * <pre>{@code
 * SummaryBuilder.Replication r = new VirtualRun(plan, runDirOrNull, ledgerLog).run(progress);
 * }</pre>
 * Same plan (scenario + seed) ⇒ the same events in the same order ⇒ the same bytes in every file.
 */
public final class VirtualRun {
    /** Simulated time allowed after the last journey could have ended, before the rest is cut off. */
    static final long DRAIN_MARGIN_MILLIS = 3_600_000;

    private final RunPlan plan;
    private final Scenario scenario;
    private final VirtualScheduler time = new VirtualScheduler();
    private final RunMetrics metrics;
    private final Ledger ledger;
    private final Handsets handsets;
    private final Carriers carriers;
    private final OtpService service;
    private final WindowWriter windows;
    private final LoadProfile load;
    private final long total;
    private long started;
    private long ended;
    private long lastEndMillis;
    private long cutOff;

    /**
     * @param runDir where the time series and histogram logs go, or null to keep aggregates only
     * @param log    the ledger file, or {@link LedgerLog#none()}
     */
    public VirtualRun(RunPlan plan, Path runDir, LedgerLog log) {
        this.plan = plan;
        this.scenario = plan.scenario();
        if (plan.externalTarget()) {
            throw new IllegalArgumentException("virtual time runs the embedded reference target only: an external "
                    + "service keeps its own clock, so it runs with engine = gatling");
        }
        // Everything runs on this replication's thread: metrics without the cost of concurrent recording.
        this.metrics = new RunMetrics(scenario.metrics(), plan.channels(), Recording.ONE_THREAD);
        this.ledger = new Ledger(new Classifier(plan.codeTtlMillis(),
                scenario.policy().rotation() == Rotation.LATEST_ONLY), metrics, log);
        // Memory grows with people in flight: a finished person's handset is dropped, and a late
        // message to them is still known to be theirs.
        this.handsets = Handsets.forgettingRetired(address -> RunPlan.isReferencePerson(address, started));
        this.carriers = Carriers.inline(plan.carrierSpecs(), plan.seed(), time, handsets, ledger);
        MessageIntake intake = new MessageIntake(new CodeExtractor(scenario.gateway().codePattern()), time, handsets,
                RecipientPolicy.KNOWN_ONLY, ledger, carriers::submit);
        // The target hands each code straight to the gateway's intake, tagged with the send it answers.
        this.service = new OtpService(scenario.policy(), time, new InProcessHandOver(intake),
                RandomStream.of(plan.seed(), 0, RandomStream.Purpose.TARGET_CODES), plan.enrolments(), plan.totpClock());
        this.windows = new WindowWriter(metrics, runDir, carriers::backlog, 0);
        this.load = scenario.load();
        this.total = load.totalJourneys();
    }

    /**
     * Runs the replication to its end.
     *
     * @param progress told the simulated time now and then (may be a no-op)
     */
    public SummaryBuilder.Replication run(LongConsumer progress) {
        long maxJourney = scenario.people().longestGiveUpMillis();
        long bound = load.durationMillis() + maxJourney + DRAIN_MARGIN_MILLIS;
        if (total > 0) {
            time.at(load.arrivalMillis(1), this::arrive);
        }
        long window = scenario.metrics().windowMillis();
        time.at(window, new Runnable() {
            @Override
            public void run() {
                windows.closeUpTo(time.nowMillis());
                progress.accept(time.nowMillis());
                if (ended < total || started < total) {
                    time.at(time.nowMillis() + window, this);
                }
            }
        });
        time.runUntil(bound);
        long end = Math.max(1, lastEndMillis);
        if (ended < started) {
            end = bound;
            cutOff = ledger.endAll(JourneyOutcome.ERROR, end);
        } else {
            ledger.endAll(JourneyOutcome.ERROR, end); // settles submissions whose code never came
        }
        List<dev.otpsim.metrics.RunSummary.Storm> storms = windows.finish(end,
                plan.faults().stream().map(StormDetector.Trigger::of).toList());
        windows.close();
        return new SummaryBuilder.Replication(plan.seed(), metrics.totals(), end, storms);
    }

    /** Journeys cut off by the time bound (counted as error); 0 in a healthy run. */
    public long cutOff() {
        return cutOff;
    }

    public long eventsRun() {
        return time.eventsRun();
    }

    /** Journeys started so far. */
    public long journeysStarted() {
        return started;
    }

    /** Journeys whose person is done so far. */
    public long journeysEnded() {
        return ended;
    }

    private void arrive() {
        long n = ++started;
        new Walk(new Journey(plan.person(n), handsets, ledger, time.nowMillis())).step();
        if (n < total) {
            time.at(load.arrivalMillis(n + 1), this::arrive);
        }
    }

    /** One journey in virtual time: the person acts, waits for their next decision or a message, acts again. */
    private final class Walk implements Runnable {
        private final Journey journey;
        private final String user;
        private long wake = Long.MAX_VALUE;
        private boolean done;

        Walk(Journey journey) {
            this.journey = journey;
            this.user = journey.who().user();
            // A message landing in the handset wakes the person at once (after the delivery itself).
            journey.handset().onArrival(() -> {
                long now = time.nowMillis();
                if (!done && wake > now) {
                    wake = now;
                    time.at(now, this);
                }
            });
        }

        /** A scheduled wake-up: ignored when a newer one replaced it. */
        @Override
        public void run() {
            if (done || time.nowMillis() != wake) {
                return;
            }
            wake = Long.MAX_VALUE;
            step();
        }

        void step() {
            long now = time.nowMillis();
            while (true) {
                Person.Action a = journey.next(now);
                if (a instanceof Person.RequestCode r) {
                    journey.sendAnswered(ReferenceAnswers.of(service.send(user, r.channel())), now);
                } else if (a instanceof Person.Submit s) {
                    journey.verifyAnswered(ReferenceAnswers.of(service.verify(user, s.typed())), now);
                } else if (a instanceof Person.Wait w) {
                    long at = Math.max(now + 1, w.untilMillis());
                    if (at < wake) {
                        wake = at;
                        time.at(at, this);
                    }
                    return;
                } else {
                    done = true;
                    journey.finish(now);
                    ended++;
                    lastEndMillis = Math.max(lastEndMillis, now);
                    return;
                }
            }
        }
    }
}
