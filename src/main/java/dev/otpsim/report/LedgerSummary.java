package dev.otpsim.report;

import com.typesafe.config.Config;
import dev.otpsim.carrier.impairment.LossReason;
import dev.otpsim.handset.Channel;
import dev.otpsim.ledger.Classification;
import dev.otpsim.ledger.SubmissionOutcome;
import dev.otpsim.ledger.Tally;
import dev.otpsim.metrics.MetricsSpec;
import dev.otpsim.metrics.RunMetrics;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.metrics.SummaryBuilder;
import dev.otpsim.metrics.Totals;
import dev.otpsim.person.JourneyOutcome;
import dev.otpsim.person.TargetAnswer;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * A run's headline figures rebuilt from {@code ledger.csv} (and the identity in
 * {@code scenario.conf} and {@code run-info.json}) when {@code summary.json} is missing: what
 * {@code otpsim report} shows for a run killed before it wrote any summary.
 *
 * <pre>{@code
 * LedgerSummary.Rebuilt r = LedgerSummary.read(runDir, TimeSeries.read(runDir.resolve("timeseries.csv")));
 * r.summary().journeys();   // journeys started, as the run's own summary would count them
 * }</pre>
 *
 * <p>The ledger's events are replayed into the run's own aggregates ({@link RunMetrics}, through
 * the {@link Tally} the ledger reports to) and summarised by {@link SummaryBuilder}: every figure is
 * computed by the same code as a finished run's. What only the run knew is left out and said on
 * the page ({@link #NOT_COMPUTED}): retry storms and threshold results, the run's wall-clock
 * time, and HTTP latency.
 */
final class LedgerSummary {
    private LedgerSummary() {
    }

    /** The ledger's file name in a run directory. */
    static final String LEDGER = "ledger.csv";

    /** The first warning of a rebuilt summary: the page's "read with care" box shows it. */
    static final String REBUILT = "partial: summary.json is missing (the run was killed before it wrote one), so "
            + "these figures were rebuilt from ledger.csv and timeseries.csv; journeys still running when it "
            + "stopped are not counted as ended";

    /** The second warning: what could not be computed from those files. */
    static final String NOT_COMPUTED = "not computed from these files: retry storms (none is shaded in the charts; "
            + "the inStorm column of timeseries.csv has the run's live flags), thresholds (a partial run would pass "
            + "or fail them by chance), carrier faults, HTTP latency and the run's real duration";

    /** The summary, and the distributions the charts draw, rebuilt from the ledger. */
    record Rebuilt(RunSummary summary, Map<String, Histogram> delivery, Histogram timeToSignIn) {
    }

    /** One journey, while its events are read: the flags the ledger settles a journey with. */
    private static final class Journey {
        long startedAt;
        int acceptedSends;
        boolean hitLock;
        boolean mistyped;
        boolean rejectedStale;
        boolean hitDeadCode;
    }

    static Rebuilt read(Path dir, TimeSeries series) {
        Path file = dir.resolve(LEDGER);
        Replay replay = new Replay(channelsOf(series));
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.startsWith("simMs,event")) {
                throw new ReportInputException(file, "line 1: expected the header simMs,event,address,channel,code,detail");
            }
            String line = in.readLine();
            int n = 1;
            while (line != null) {
                n++;
                String next = in.readLine();
                String[] f = line.split(",", 6);
                long at;
                try {
                    at = Long.parseLong(f[0]);
                } catch (NumberFormatException e) {
                    at = -1;
                }
                if (f.length < 6 || at < 0) {
                    if (next == null) {
                        break; // a killed run's half-written last line
                    }
                    throw new ReportInputException(file, "line " + n + ": expected 6 comma-separated fields, the first a "
                            + "time in simulated ms, got \"" + (line.length() > 80 ? line.substring(0, 80) + "..." : line) + "\"");
                }
                replay.event(at, f[1], f[2], f[3], f[5]);
                line = next;
            }
        } catch (IOException e) {
            throw new ReportInputException(file, Files.exists(file) ? "cannot read: " + e.getMessage() : "missing", e);
        }
        return replay.summary(dir, series);
    }

    /** Channels the time series shows traffic on (SMS when it shows none). */
    private static Set<Channel> channelsOf(TimeSeries series) {
        Set<Channel> used = EnumSet.noneOf(Channel.class);
        for (Channel c : Channel.values()) {
            if (series.channelUsed(c.id())) {
                used.add(c);
            }
        }
        if (used.isEmpty()) {
            used.add(Channel.SMS);
        }
        return used;
    }

    /** Feeds the ledger's events to the run's aggregates, as the ledger did while the run went. */
    private static final class Replay {
        final Map<String, Journey> running = new HashMap<>();
        final Map<String, Long> issuedAt = new HashMap<>();
        final RunMetrics metrics;
        final Set<Channel> channels;
        long lastMs;

        Replay(Set<Channel> channels) {
            this.channels = EnumSet.copyOf(channels);
            this.metrics = new RunMetrics(MetricsSpec.defaults(), channels);
        }

        void event(long at, String event, String address, String channel, String detail) {
            lastMs = Math.max(lastMs, at);
            Channel ch = Channel.fromId(channel).orElse(null);
            switch (event) {
                case "journey-start" -> {
                    Journey j = new Journey();
                    j.startedAt = at;
                    running.put(address, j);
                    metrics.journeyStarted(at);
                }
                case "send-answer" -> {
                    Journey j = running.get(address);
                    boolean accepted = TargetAnswer.Kind.ACCEPTED.id().equals(detail);
                    if (j != null && accepted) {
                        metrics.sendAccepted(at, j.acceptedSends++ == 0);
                    } else if (j != null && TargetAnswer.Kind.LOCKED.id().equals(detail)) {
                        j.hitLock = true;
                    }
                }
                case "submission" -> submission(at, running.get(address), detail);
                case "journey-end" -> {
                    Journey j = running.remove(address);
                    JourneyOutcome outcome = outcome(detail);
                    if (j != null && outcome != null) {
                        metrics.journeyEnded(at, outcome, j.hitLock, j.mistyped, j.rejectedStale, j.hitDeadCode,
                                at - j.startedAt, j.acceptedSends, 0);
                    }
                }
                case "issued" -> {
                    if (ch != null) {
                        channels.add(ch);
                        metrics.issued(ch);
                    }
                    issuedAt.put(detail, at);
                }
                case "delivered", "delivered-duplicate" -> {
                    Long from = issuedAt.get(detail);
                    if (from != null && ch != null) {
                        metrics.delivered(ch, at, at - from, 0);
                    }
                }
                case "lost" -> Arrays.stream(LossReason.values()).filter(r -> r.id().equals(detail)).findFirst()
                        .ifPresent(metrics::lost);
                case "duplicated" -> metrics.duplicated();
                case "unknown-recipient" -> metrics.unknownRecipient();
                default -> {
                    // send-request, resend-request: the answer is what counts
                }
            }
        }

        /** {@code outcome[/accepted][/past-ttl] target=answer[ (disagreement)]}, as the ledger writes it. */
        private void submission(long at, Journey j, String detail) {
            String disagreement = null;
            String text = detail;
            int paren = text.indexOf(" (");
            if (paren >= 0) {
                disagreement = text.substring(paren + 2, text.endsWith(")") ? text.length() - 1 : text.length());
                text = text.substring(0, paren);
            }
            String answer = "";
            int said = text.indexOf(" target=");
            if (said >= 0) {
                answer = text.substring(said + " target=".length());
                text = text.substring(0, said);
            }
            String[] parts = text.split("/");
            SubmissionOutcome outcome = Arrays.stream(SubmissionOutcome.values()).filter(o -> o.id().equals(parts[0]))
                    .findFirst().orElse(SubmissionOutcome.ERROR);
            boolean accepted = Arrays.asList(parts).contains("accepted");
            boolean pastTtl = Arrays.asList(parts).contains("past-ttl") || outcome == SubmissionOutcome.EXPIRED;
            metrics.submission(at, new Classification(outcome, accepted, pastTtl, answer, disagreement));
            if (j != null) {
                j.hitLock |= outcome == SubmissionOutcome.LOCKED;
                j.mistyped |= outcome == SubmissionOutcome.MISTYPED;
                j.rejectedStale |= outcome == SubmissionOutcome.STALE && !accepted;
                j.hitDeadCode |= outcome == SubmissionOutcome.CODE_DEAD;
            }
        }

        private static JourneyOutcome outcome(String id) {
            return Arrays.stream(JourneyOutcome.values()).filter(o -> o.id().equals(id)).findFirst().orElse(null);
        }

        Rebuilt summary(Path dir, TimeSeries series) {
            Optional<Config> scenario = readScenario(dir);
            Map<String, String> info = readRunInfo(dir);
            long simMs = Math.max(lastMs, (long) series.endMs());
            String name = scenario.filter(s -> s.hasPath("name")).map(s -> s.getString("name"))
                    .orElse(dir.getFileName().toString());
            long seed = scenario.filter(x -> x.hasPath("seed")).map(x -> x.getLong("seed")).orElse(0L);
            double timeScale = scenario.filter(x -> x.hasPath("time-scale")).map(x -> x.getDouble("time-scale"))
                    .orElse(1.0);
            Totals totals = metrics.totals();
            SummaryBuilder.RunInfo run = new SummaryBuilder.RunInfo(name, scenarioFile(dir).orElse(""),
                    info.getOrDefault("engine", ""), seed, timeScale, channels, false, recovery(scenario));
            RunSummary built = SummaryBuilder.build(run, new SummaryBuilder.Replication(seed, totals, simMs, List.of()),
                    List.of(), List.of(), List.of());
            RunSummary s = built.withWarnings(List.of(REBUILT, NOT_COMPUTED));
            Map<String, Histogram> charted = new LinkedHashMap<>();
            for (Channel c : channels) {
                charted.put(c.id(), totals.deliveryLatency().getOrDefault(c, new Histogram(3)));
            }
            return new Rebuilt(s, charted, totals.timeToSignIn());
        }
    }

    /** The scenario's {@code recovery} prices, so recoveries rebuilt from the ledger keep their cost. */
    private static dev.otpsim.person.AccountRecovery recovery(Optional<Config> scenario) {
        dev.otpsim.person.AccountRecovery d = dev.otpsim.person.AccountRecovery.DEFAULTS;
        try {
            return scenario.filter(c -> c.hasPath("recovery")).map(c -> c.getConfig("recovery"))
                    .map(r -> new dev.otpsim.person.AccountRecovery(
                            r.hasPath("delay") ? r.getDuration("delay").toMillis() : d.delayMillis(),
                            r.hasPath("cost") ? r.getDouble("cost") : d.costPerCase(),
                            r.hasPath("currency") ? r.getString("currency") : d.currency()))
                    .orElse(d);
        } catch (RuntimeException e) {
            return d; // a nicety: the count of recoveries comes from the ledger either way
        }
    }

    private static Optional<Config> readScenario(Path dir) {
        Path file = dir.resolve(RunDirectory.SCENARIO);
        try {
            return Files.exists(file) ? RunReport.parseScenario(Files.readString(file, StandardCharsets.UTF_8))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // identity is a nicety; the figures come from the ledger
        }
    }

    /** The scenario file as given on the command line: the run writes it on scenario.conf's first line. */
    private static Optional<String> scenarioFile(Path dir) {
        try (BufferedReader in = Files.newBufferedReader(dir.resolve(RunDirectory.SCENARIO), StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first != null && first.startsWith("# ") && first.endsWith(" as run (resolved)")) {
                return Optional.of(first.substring(2, first.length() - " as run (resolved)".length()));
            }
        } catch (IOException | RuntimeException e) {
            // no scenario.conf: the name stays empty
        }
        return Optional.empty();
    }

    private static Map<String, String> readRunInfo(Path dir) {
        try {
            return RunDirectory.readRunInfo(dir.resolve(RunDirectory.RUN_INFO));
        } catch (ReportInputException e) {
            return Map.of();
        }
    }

}
