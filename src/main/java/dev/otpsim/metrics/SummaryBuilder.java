package dev.otpsim.metrics;

import dev.otpsim.carrier.impairment.LossReason;
import dev.otpsim.handset.Channel;
import dev.otpsim.ledger.SubmissionOutcome;
import dev.otpsim.person.AccountRecovery;
import dev.otpsim.person.JourneyOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * Computes {@link RunSummary} from the run's aggregates: this is where every headline figure's
 * formula and its interval live (README, "How the figures are counted" and "How much to trust a
 * figure"). A run of several replications is summarised from their {@link Totals} merged, with
 * intervals from the spread between replications.
 */
public final class SummaryBuilder {
    private SummaryBuilder() {
    }

    /** Marks a summary written while the run goes: what a killed run leaves behind. */
    public static final String PARTIAL = "partial: the run had not finished when this summary was written "
            + "(journeys still running are not counted as ended; storms are those found so far)";

    /** Simulated ms of harness lag (p99) beyond which a scaled-real-time run's figures are not a result. */
    public static final long HARNESS_LAG_LIMIT_MS = 2_000;

    /**
     * Identity of the run, which the metrics do not know.
     *
     * @param recovery what account recovery costs, for the cost of the journeys that ended in it
     */
    public record RunInfo(String scenario, String scenarioFile, String engine, long seed, double timeScale,
                          Set<Channel> channels, boolean partial, AccountRecovery recovery) {
        public RunInfo(String scenario, String scenarioFile, String engine, long seed, double timeScale,
                       Set<Channel> channels, boolean partial) {
            this(scenario, scenarioFile, engine, seed, timeScale, channels, partial, AccountRecovery.DEFAULTS);
        }
    }

    /**
     * One replication's aggregates.
     *
     * @param simulatedDurationMs from simulated zero to the last journey's end
     * @param storms              storms found in its windows
     */
    public record Replication(long seed, Totals totals, long simulatedDurationMs, List<RunSummary.Storm> storms) {
    }

    /** How one headline figure is read from a replication, and the kind of interval it gets. */
    private enum Kind { SHARE, PERCENTILE, MEAN, RATIO, COUNT }

    private record Figure(String name, Kind kind, ToDoubleFunction<Replication> value) {
    }

    /** The headline figures that carry an estimate, by name (the names thresholds use where they overlap). */
    public static final List<String> FIGURES = List.of("successRate", "abandonRate", "errorRate",
            "staleSubmissionRate", "staleJourneyRate", "lockoutRate", "selfInflictedLockoutRate", "recoveryRate",
            "retryRatio",
            "sendAmplification", "messagesPerSuccess", "messagesPerSuccess.sms", "messagesPerSuccess.email",
            "messagesPerSuccess.voice", "goodput", "timeToSignInMs.p50", "timeToSignInMs.p90", "timeToSignInMs.p99",
            "retryStorms");

    /** Counts a share needs: numerator and denominator. */
    private record ShareFigure(ToDoubleFunction<Totals> num, ToDoubleFunction<Totals> den) {
    }

    private static final Map<String, ShareFigure> SHARES = new LinkedHashMap<>();

    private static final List<Figure> FIGURE_LIST = List.of(
            share("successRate", t -> t.count(JourneyOutcome.SUCCESS), Totals::journeys),
            share("abandonRate", t -> t.count(JourneyOutcome.ABANDONED), Totals::journeys),
            share("errorRate", t -> t.count(JourneyOutcome.ERROR), Totals::journeys),
            share("staleSubmissionRate", t -> t.count(SubmissionOutcome.STALE), Totals::submissions),
            share("staleJourneyRate", Totals::staleJourneys, Totals::journeys),
            share("lockoutRate", Totals::lockedJourneys, Totals::journeys),
            share("selfInflictedLockoutRate", Totals::selfInflictedLockouts, Totals::journeys),
            share("recoveryRate", t -> t.count(JourneyOutcome.RECOVERY), Totals::journeys),
            share("retryRatio", t -> t.sends() - t.firstSends(), Totals::sends),
            new Figure("sendAmplification", Kind.MEAN, r -> ratio(r.totals().sends(), r.totals().journeys())),
            new Figure("messagesPerSuccess", Kind.RATIO,
                    r -> ratio(r.totals().allIssued(), r.totals().count(JourneyOutcome.SUCCESS))),
            perChannel(Channel.SMS), perChannel(Channel.EMAIL), perChannel(Channel.VOICE),
            new Figure("goodput", Kind.RATIO, r -> r.totals().count(JourneyOutcome.SUCCESS) / seconds(r)),
            new Figure("timeToSignInMs.p50", Kind.PERCENTILE, r -> r.totals().timeToSignIn().getValueAtPercentile(50)),
            new Figure("timeToSignInMs.p90", Kind.PERCENTILE, r -> r.totals().timeToSignIn().getValueAtPercentile(90)),
            new Figure("timeToSignInMs.p99", Kind.PERCENTILE, r -> r.totals().timeToSignIn().getValueAtPercentile(99)),
            new Figure("retryStorms", Kind.COUNT, r -> r.storms().size()));

    private static Figure share(String name, ToDoubleFunction<Totals> num, ToDoubleFunction<Totals> den) {
        SHARES.put(name, new ShareFigure(num, den));
        return new Figure(name, Kind.SHARE, r -> ratio((long) num.applyAsDouble(r.totals()),
                (long) den.applyAsDouble(r.totals())));
    }

    /** Messages issued on one channel per successful journey: what a channel costs a sign-in. */
    private static Figure perChannel(Channel c) {
        return new Figure("messagesPerSuccess." + c.id(), Kind.RATIO,
                r -> ratio(r.totals().issued(c), r.totals().count(JourneyOutcome.SUCCESS)));
    }

    /** A summary of one run. */
    public static RunSummary build(RunInfo info, Replication run, List<RunSummary.CarrierFault> faults,
                                   List<Threshold> thresholds, List<RunSummary.RunProblem> problems) {
        return build(info, List.of(run), faults, thresholds, problems);
    }

    /**
     * A summary of {@code reps} replications: counts and histograms pooled, every headline figure's
     * interval from the pooled counts (one replication) or from the spread between replications;
     * storms, the simulated duration and the time series are the first replication's.
     */
    public static RunSummary build(RunInfo info, List<Replication> reps, List<RunSummary.CarrierFault> faults,
                                   List<Threshold> thresholds, List<RunSummary.RunProblem> problems) {
        Replication first = reps.get(0);
        Totals m = first.totals();
        long simulatedMs = 0;
        for (int i = 1; i < reps.size(); i++) {
            m = m.merge(reps.get(i).totals());
        }
        for (Replication r : reps) {
            simulatedMs += Math.max(1, r.simulatedDurationMs());
        }
        Replication pooled = new Replication(info.seed(), m, simulatedMs, first.storms());
        long journeys = m.journeys();
        Map<String, Long> outcomes = new LinkedHashMap<>();
        for (JourneyOutcome o : JourneyOutcome.values()) {
            outcomes.put(o.id(), m.count(o));
        }
        Map<String, Long> submissions = new LinkedHashMap<>();
        for (SubmissionOutcome o : SubmissionOutcome.values()) {
            submissions.put(o.id(), m.count(o));
        }
        long submissionCount = m.submissions();
        long successes = m.count(JourneyOutcome.SUCCESS);

        Map<String, RunSummary.Percentiles> delivery = new LinkedHashMap<>();
        Map<String, Double> perSuccess = new LinkedHashMap<>();
        for (Channel c : Channel.values()) {
            if (!info.channels().contains(c)) {
                continue;
            }
            Histogram h = m.deliveryLatency().get(c);
            delivery.put(c.id(), percentiles(h == null ? new Histogram(3) : h, 1));
            perSuccess.put(c.id(), ratio(m.issued(c), successes));
        }
        perSuccess.put("all", ratio(m.allIssued(), successes));

        Map<String, RunSummary.Percentiles> http = new LinkedHashMap<>();
        http.put("send", percentiles(m.httpSend(), 1000));
        http.put("verify", percentiles(m.httpVerify(), 1000));
        Map<String, Long> lag = harnessLag(info, m);

        Map<String, Long> lost = new LinkedHashMap<>();
        for (LossReason r : LossReason.values()) {
            lost.put(r.id(), m.lost().getOrDefault(r, 0L));
        }
        long disagreementCount = m.disagreements().values().stream().mapToLong(Long::longValue).sum();
        double simSeconds = simulatedMs / 1000.0;
        List<Long> seeds = reps.stream().map(Replication::seed).toList();

        List<String> warnings = new ArrayList<>();
        if (info.partial()) {
            warnings.add(PARTIAL);
        }
        List<RunSummary.RunProblem> allProblems = new ArrayList<>(problems);
        allProblems.addAll(harnessProblems(info, lag));

        RunSummary draft = new RunSummary(
                new RunSummary.WhatRan(info.scenario(), info.scenarioFile(), info.engine(), info.seed(), reps.size(),
                        seeds, info.timeScale(), first.simulatedDurationMs()),
                new RunSummary.Validity(allProblems.isEmpty(), List.copyOf(allProblems)),
                new RunSummary.JourneyCounts(journeys, outcomes),
                new RunSummary.SubmissionCounts(submissions, submissionCount, m.staleAccepted(), m.stalePastTtl(),
                        ratio(m.count(SubmissionOutcome.STALE), submissionCount), ratio(m.staleJourneys(), journeys)),
                new RunSummary.Lockouts(ratio(m.lockedJourneys(), journeys), m.lockedJourneys(), m.selfInflictedLockouts(),
                        m.deadCodeJourneys(), ratio(m.count(JourneyOutcome.RECOVERY), journeys), recovery(info, m)),
                new RunSummary.SendCounts(m.sends(), ratio(m.sends(), journeys), ratio(m.sends() - m.firstSends(), m.sends()),
                        m.sendsWithoutCode(), first.storms()),
                new RunSummary.Times(percentiles(m.timeToSignIn(), 1), delivery, perSuccess, successes / simSeconds,
                        journeys / simSeconds),
                new RunSummary.TargetAndHarness(disagreementCount, m.disagreements(), http, lag),
                new RunSummary.CarrierCounts(lost, m.duplicated(), m.unknownRecipients()),
                new RunSummary.Trust(estimates(pooled, reps), List.of(), List.copyOf(warnings), List.copyOf(faults),
                        DEFINITIONS, List.of()));
        List<RunSummary.ThresholdResult> results = new ArrayList<>();
        for (Threshold t : thresholds) {
            results.add(t.evaluate(draft));
        }
        return draft.withThresholds(results);
    }

    /** Journeys that ended in account recovery, and what they cost at the scenario's price per case. */
    private static RunSummary.Recovery recovery(RunInfo info, Totals m) {
        AccountRecovery r = info.recovery() == null ? AccountRecovery.DEFAULTS : info.recovery();
        long n = m.count(JourneyOutcome.RECOVERY);
        return new RunSummary.Recovery(n, r.costPerCase(), n * r.costPerCase(), r.currency(), r.delayMillis());
    }

    /** Every headline figure with its interval. */
    static Map<String, Estimate> estimates(Replication pooled, List<Replication> reps) {
        Map<String, Estimate> out = new LinkedHashMap<>();
        for (Figure f : FIGURE_LIST) {
            double[] each = reps.stream().mapToDouble(f.value()).toArray();
            double value = f.value().applyAsDouble(pooled);
            Estimate across = Intervals.replications(value, each);
            Estimate e = switch (f.kind()) {
                case SHARE -> {
                    ShareFigure s = SHARES.get(f.name());
                    Estimate w = Intervals.wilson((long) s.num().applyAsDouble(pooled.totals()),
                            (long) s.den().applyAsDouble(pooled.totals()));
                    // Journeys of one run influence each other (congestion, storms): with replications,
                    // the spread between them counts too, whichever interval is wider.
                    Estimate wide = reps.size() > 1 ? Intervals.wider(w, across) : w;
                    yield clampShare(wide);
                }
                case PERCENTILE -> reps.size() > 1 ? across
                        : Intervals.percentile(pooled.totals().timeToSignIn(), percentileOf(f.name()), 1);
                case MEAN -> reps.size() > 1 ? across : centred(value, Intervals.mean(pooled.totals().sendsPerJourney(),
                        pooled.totals().sendsPerJourneySquared(), pooled.totals().journeysEnded()));
                case RATIO -> reps.size() > 1 ? across : goodputOrNone(f.name(), pooled, value);
                // A count (storms) is per run: the pooled replication carries only the first run's
                // episodes, so with replications the figure is their mean, the centre of its interval.
                case COUNT -> reps.size() > 1 ? Intervals.replications(java.util.Arrays.stream(each).average()
                        .orElse(0), each) : Estimate.without(value, 1);
            };
            // Every headline figure is a count, share, time or rate: an interval below zero would
            // claim an impossible value (t over a few replications can reach there), so it stops at 0.
            out.put(f.name(), nonNegative(e));
        }
        return out;
    }

    /** Goodput in one run: the success share's Wilson interval times the offered rate; other ratios need replications. */
    private static Estimate goodputOrNone(String name, Replication r, double value) {
        if (!"goodput".equals(name)) {
            return Estimate.without(value, r.totals().journeys());
        }
        Estimate share = Intervals.wilson(r.totals().count(JourneyOutcome.SUCCESS), r.totals().journeys());
        double offered = r.totals().journeys() / seconds(r);
        return new Estimate(value, r.totals().journeys(), share.low() == null ? null : share.low() * offered,
                share.high() == null ? null : share.high() * offered, Estimate.WILSON);
    }

    /** The figure's own value with the half-width of an interval computed around a mean of the same thing. */
    private static Estimate centred(double value, Estimate around) {
        if (!around.hasInterval()) {
            return Estimate.without(value, around.n());
        }
        double half = around.width() / 2;
        return new Estimate(value, around.n(), value - half, value + half, around.method());
    }

    private static Estimate nonNegative(Estimate e) {
        if (!e.hasInterval() || e.low() >= 0) {
            return e;
        }
        return new Estimate(e.value(), e.n(), 0.0, Math.max(0.0, e.high()), e.method());
    }

    private static Estimate clampShare(Estimate e) {
        if (!e.hasInterval()) {
            return e;
        }
        return new Estimate(e.value(), e.n(), Math.max(0.0, e.low()), Math.min(1.0, e.high()), e.method());
    }

    private static double percentileOf(String name) {
        return Integer.parseInt(name.substring(name.lastIndexOf(".p") + 2)) / 100.0;
    }

    /**
     * The harness's own lag in simulated ms (p99): request lag from when due × time-scale, and the
     * carriers' timer lateness. Zero in virtual time, where nothing is late.
     */
    static Map<String, Long> harnessLag(RunInfo info, Totals m) {
        Map<String, Long> lag = new LinkedHashMap<>();
        double scale = Double.isInfinite(info.timeScale()) ? 0 : info.timeScale();
        lag.put("send", Math.round(m.httpSend().getValueAtPercentile(99) / 1000.0 * scale));
        lag.put("verify", Math.round(m.httpVerify().getValueAtPercentile(99) / 1000.0 * scale));
        lag.put("delivery", m.deliveryLateness().getTotalCount() == 0 ? 0
                : m.deliveryLateness().getValueAtPercentile(99));
        return lag;
    }

    /**
     * Real latency counts as simulated time multiplied by the time-scale. When the harness lagged
     * more than {@link #HARNESS_LAG_LIMIT_MS} simulated at p99 — the machine was too busy for the
     * scale — the figures carry the harness's own delay and are not a result.
     */
    static List<RunSummary.RunProblem> harnessProblems(RunInfo info, Map<String, Long> lag) {
        List<RunSummary.RunProblem> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : lag.entrySet()) {
            if (e.getValue() > HARNESS_LAG_LIMIT_MS) {
                String what = e.getKey().equals("delivery") ? "carriers delivered codes"
                        : e.getKey() + " requests were answered";
                out.add(new RunSummary.RunProblem(RunSummary.RunProblem.Kind.HARNESS_LAG, String.format(
                        java.util.Locale.ROOT, "%s %.1f s (simulated, p99) later than planned at time-scale %s: "
                                + "the machine was too busy for this time-scale, so times to sign in and stale codes "
                                + "include the harness's own delay. Use --engine virtual (embedded target), or a "
                                + "lower --time-scale.", what, e.getValue() / 1000.0, info.timeScale())));
            }
        }
        return out;
    }

    /** How the subtle figures are counted: written into every summary.json. */
    public static final Map<String, String> DEFINITIONS = ordered(
            "dating", "sends and submissions are dated at their request (when the target acted on them, as far as "
                    + "the harness can know); a code at the earlier of its send's request and the gateway's receipt",
            "precedence", "a submission is mistyped if its code was never issued to the person, else stale if a "
                    + "newer code had been issued before it (even if it had also run out: then counted in "
                    + "stalePastTtl), else expired if older than its validity, else accepted",
            "staleSubmissionRate", "stale submissions (rejected or accepted) / all submissions",
            "lockoutRate", "journeys in which the target answered 'locked' at least once / journeys",
            "selfInflictedLockouts", "locked journeys with no mistyped submission",
            "recoveryRate", "journeys that ended in account recovery (their fallback order reached 'recovery', after "
                    + "running out of ways to sign in or after a lock) / journeys",
            "authenticator", "codes from authenticator apps never pass the gateway: the ledger judges them from the "
                    + "person's enrolled secret — accepted, mistyped, totp-rolled-over (in the window when read, out "
                    + "of it when submitted), totp-skewed (out of it from the start: the phone's clock), or "
                    + "totp-replayed (a step already used)",
            "intervals", "95 %: Wilson for shares (the wider of Wilson and the spread between replications when "
                    + "there are several), order statistics for one run's percentiles, Student t over replications "
                    + "for the rest");

    /** Map.of iterates in a per-JVM order: summary.json must not. */
    private static Map<String, String> ordered(String... keyThenValue) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyThenValue.length; i += 2) {
            m.put(keyThenValue[i], keyThenValue[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Percentiles in milliseconds from a histogram recorded in units of {@code 1/unitsPerMs} ms. */
    static RunSummary.Percentiles percentiles(Histogram h, long unitsPerMs) {
        if (h.getTotalCount() == 0) {
            return new RunSummary.Percentiles(0, 0, 0, 0, 0, 0);
        }
        return new RunSummary.Percentiles(h.getTotalCount(), h.getMean() / unitsPerMs,
                toMs(h.getValueAtPercentile(50), unitsPerMs), toMs(h.getValueAtPercentile(90), unitsPerMs),
                toMs(h.getValueAtPercentile(99), unitsPerMs), toMs(h.getMaxValue(), unitsPerMs));
    }

    private static long toMs(long v, long unitsPerMs) {
        return unitsPerMs == 1 ? v : Math.round((double) v / unitsPerMs);
    }

    private static double seconds(Replication r) {
        return Math.max(1, r.simulatedDurationMs()) / 1000.0;
    }

    private static double ratio(long n, long d) {
        return d == 0 ? 0.0 : (double) n / d;
    }
}
