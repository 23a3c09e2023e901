package dev.otpsim.cli;

import dev.otpsim.distribution.Durations;
import dev.otpsim.metrics.Estimate;
import dev.otpsim.metrics.RunSummary;
import java.util.Locale;

/** A run's headline on the console: each figure with its sample size and 95 % interval. */
final class Headline {
    private Headline() {
    }

    static String lines(RunSummary s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "engine %s, %d %s, seed %d%n", s.engine(), s.replications(),
                s.replications() == 1 ? "replication" : "replications", s.seed()));
        b.append(String.format(Locale.ROOT, "journeys %d: %s%n", s.journeys(), s.outcomes()));
        b.append("success ").append(share(s, "successRate")).append('\n');
        b.append("stale-code rate ").append(share(s, "staleSubmissionRate")).append(" of ")
                .append(s.submissionCount()).append(" submissions; journeys hit ").append(share(s, "staleJourneyRate"))
                .append('\n');
        b.append("lockout rate ").append(share(s, "lockoutRate")).append(String.format(Locale.ROOT,
                " (%d self-inflicted of %d)", s.selfInflictedLockouts(), s.lockedJourneys())).append('\n');
        if (s.recovery() != null && s.recovery().journeys() > 0) {
            b.append("account recovery ").append(share(s, "recoveryRate")).append(String.format(Locale.ROOT,
                    " (%d journeys, %.2f %s)", s.recovery().journeys(), s.recovery().cost(), s.recovery().currency()))
                    .append('\n');
        }
        b.append("send amplification ").append(number(s, "sendAmplification")).append(", retry storms ")
                .append(storms(s)).append('\n');
        if (s.timeToSignInMs().count() == 0) {
            b.append("time to sign in n/a (nobody signed in)\n");
        } else {
            b.append("time to sign in p50 ").append(duration(s, "timeToSignInMs.p50")).append(" p90 ")
                    .append(duration(s, "timeToSignInMs.p90")).append(" p99 ").append(duration(s, "timeToSignInMs.p99"))
                    .append(" (n=").append(s.timeToSignInMs().count()).append(")\n");
        }
        return b.toString().stripTrailing();
    }

    private static String share(RunSummary s, String figure) {
        Estimate e = s.estimate(figure);
        if (e == null) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f%%", 100 * e.value()) + (e.hasInterval()
                ? String.format(Locale.ROOT, " [%.2f–%.2f%%, %s]", 100 * e.low(), 100 * e.high(), sample(e))
                : " (" + sample(e) + ")");
    }

    /** What an interval rests on: the count, or the replications when their spread made it. */
    private static String sample(Estimate e) {
        return Estimate.REPLICATIONS.equals(e.method()) ? e.n() + " replications" : "n=" + e.n();
    }

    /** One run's storms as a count; over replications, the mean per run with its interval. */
    private static String storms(RunSummary s) {
        Estimate e = s.estimate("retryStorms");
        if (s.replications() < 2 || e == null) {
            return Integer.toString(s.retryStorms().size());
        }
        return String.format(Locale.ROOT, "%.2f per run [%.2f–%.2f, %d replications]", e.value(), e.low(), e.high(),
                s.replications());
    }

    private static String number(RunSummary s, String figure) {
        Estimate e = s.estimate(figure);
        if (e == null) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.3f", e.value()) + (e.hasInterval()
                ? String.format(Locale.ROOT, " [%.3f–%.3f]", e.low(), e.high()) : "");
    }

    private static String duration(RunSummary s, String figure) {
        Estimate e = s.estimate(figure);
        if (e == null) {
            return "n/a";
        }
        return Durations.show(e.value()) + (e.hasInterval()
                ? " [" + Durations.show(e.low()) + "–" + Durations.show(e.high()) + "]" : "");
    }
}
