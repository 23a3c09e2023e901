package dev.otpsim.report.compare;

import dev.otpsim.metrics.Estimate;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.report.Figures;
import java.util.function.ToDoubleFunction;

/**
 * The figures a comparison puts side by side, in the order a product team reads them (the four
 * the resend-wait question is about first), how each is read from a run's summary, which
 * direction is better, and the question its chart against the varied knob answers.
 */
public enum HeadlineFigure {
    STALE_SUBMISSION_RATE("staleSubmissionRate", "Does %s change how many typed codes are stale?",
            "stale-code rate", "stale submissions / all submissions", Better.LOWER, Kind.PERCENT,
            RunSummary::staleSubmissionRate),
    LOCKOUT_RATE("lockoutRate", "Does %s change how many people get locked out?",
            "lockout rate", "journeys that hit a lock / journeys", Better.LOWER, Kind.PERCENT,
            RunSummary::lockoutRate),
    TIME_TO_SIGN_IN_P90("timeToSignInP90", "Does %s make signing in slower (p90)?",
            "time to sign in p90", "first code request → accepted code, 90th percentile", Better.LOWER, Kind.DURATION,
            s -> s.timeToSignInMs() == null ? Double.NaN : s.timeToSignInMs().p90()),
    MESSAGES_PER_SUCCESS("messagesPerSuccess", "Does %s change what each sign-in costs in messages?",
            "messages per success", "messages sent per successful journey (cost)", Better.LOWER, Kind.NUMBER,
            s -> s.messagesPerSuccess() == null ? Double.NaN : s.messagesPerSuccess().getOrDefault("all", Double.NaN)),
    SEND_AMPLIFICATION("sendAmplification", "Does %s change how many codes each journey sends?",
            "send amplification", "code sends / journeys (1.0 = no resends)", Better.LOWER, Kind.TIMES,
            RunSummary::sendAmplification),
    SUCCESS_RATE("successRate", "Do more people sign in as %s changes?",
            "success", "share of journeys that signed in", Better.HIGHER, Kind.PERCENT,
            s -> s.journeys() == 0 ? Double.NaN : (double) count(s, "success") / s.journeys()),
    STALE_JOURNEY_RATE("staleJourneyRate", "Does %s change how many people hit a stale code?",
            "journeys hit by a stale code", "journeys with ≥ 1 rejected stale code / journeys", Better.LOWER, Kind.PERCENT,
            RunSummary::staleJourneyRate),
    SELF_INFLICTED_LOCKOUTS("selfInflictedLockoutRate", "Does %s lock out people who typed nothing wrong?",
            "self-inflicted lockouts", "journeys locked with no mistyped code in them / journeys", Better.LOWER,
            Kind.PERCENT, s -> s.journeys() == 0 ? Double.NaN : (double) s.selfInflictedLockouts() / s.journeys()),
    RECOVERY_RATE("recoveryRate", "Does %s send more people to account recovery?",
            "account recovery", "journeys that ended in account recovery / journeys", Better.LOWER, Kind.PERCENT,
            RunSummary::recoveryRate),
    RETRY_STORMS("retryStorms", "Does %s set off retry storms?",
            "retry storms", "episodes of retry ratio above the threshold, per run", Better.LOWER, Kind.COUNT,
            s -> s.retryStorms() == null ? 0 : s.retryStorms().size()),
    TIME_TO_SIGN_IN_P50("timeToSignInP50", "Does %s make signing in slower (median)?",
            "time to sign in p50", "first code request → accepted code, median", Better.LOWER, Kind.DURATION,
            s -> s.timeToSignInMs() == null ? Double.NaN : s.timeToSignInMs().p50()),
    TIME_TO_SIGN_IN_P99("timeToSignInP99", "Does %s make signing in slower (p99)?",
            "time to sign in p99", "first code request → accepted code, 99th percentile", Better.LOWER, Kind.DURATION,
            s -> s.timeToSignInMs() == null ? Double.NaN : s.timeToSignInMs().p99()),
    GOODPUT("goodput", "Does %s change how many sign-ins succeed per second?",
            "goodput", "successful journeys per simulated second", Better.HIGHER, Kind.RATE,
            RunSummary::goodput);

    /** Which way a figure improves. */
    public enum Better { LOWER, HIGHER }

    /** How a figure is written and plotted. */
    public enum Kind { PERCENT, COUNT, TIMES, DURATION, RATE, NUMBER }

    private final String key;
    private final String question;
    private final String label;
    private final String meaning;
    private final Better better;
    private final Kind kind;
    private final ToDoubleFunction<RunSummary> read;

    HeadlineFigure(String key, String question, String label, String meaning, Better better, Kind kind,
                   ToDoubleFunction<RunSummary> read) {
        this.key = key;
        this.question = question;
        this.label = label;
        this.meaning = meaning;
        this.better = better;
        this.kind = kind;
        this.read = read;
    }

    /** Stable machine name, used in {@code compare.json} and the page's {@code data-key}s. */
    public String key() {
        return key;
    }

    /** The question its comparison chart answers, {@code %s} standing for the varied knob. */
    public String question(String knob) {
        return String.format(java.util.Locale.ROOT, question, knob);
    }

    public String label() {
        return label;
    }

    /** How it is counted, in a phrase. */
    public String meaning() {
        return meaning;
    }

    public Better better() {
        return better;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The figure in {@code summary}: its estimate's value (pooled over the run's replications) when
     * the summary has one, else read from the summary's fields; NaN when the run has nothing to
     * count it from.
     */
    public double of(RunSummary summary) {
        Estimate e = estimate(summary);
        return e != null ? e.value() : read.applyAsDouble(summary);
    }

    /** The figure's estimate (value, sample size, 95 % interval), or null in a summary without one. */
    public Estimate estimate(RunSummary summary) {
        return summary.estimate(estimateKey());
    }

    /** The name of this figure among a summary's estimates ({@link dev.otpsim.metrics.SummaryBuilder#FIGURES}). */
    public String estimateKey() {
        return switch (this) {
            case TIME_TO_SIGN_IN_P50 -> "timeToSignInMs.p50";
            case TIME_TO_SIGN_IN_P90 -> "timeToSignInMs.p90";
            case TIME_TO_SIGN_IN_P99 -> "timeToSignInMs.p99";
            default -> key;
        };
    }

    /** Written for people. */
    public String show(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return switch (kind) {
            case PERCENT -> Figures.percent(v);
            case COUNT, NUMBER -> Figures.number(v);
            case TIMES -> Figures.times(v);
            case DURATION -> Figures.duration(v);
            case RATE -> Figures.perSecond(v);
        };
    }

    /** Whether {@code a} is better than {@code b}. */
    public boolean isBetter(double a, double b) {
        return better == Better.LOWER ? a < b : a > b;
    }

    private static long count(RunSummary s, String outcome) {
        return s.outcomes() == null ? 0 : s.outcomes().getOrDefault(outcome, 0L);
    }
}
