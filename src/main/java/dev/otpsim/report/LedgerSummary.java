package dev.otpsim.report;

import com.typesafe.config.Config;
import dev.otpsim.carrier.LossReason;
import dev.otpsim.ledger.SubmissionOutcome;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.metrics.TimeSeriesColumns;
import dev.otpsim.person.JourneyOutcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
 * <p>Every figure is counted the way the run counts it (the ledger is what the run's aggregates are
 * fed from): journeys and their outcomes, submissions by outcome, sends, lockouts,
 * time to sign in (journey start to successful end), delivery latency (issue to visible),
 * messages, losses. What only the run knew is left out and said on the page
 * ({@link #NOT_COMPUTED}): retry storms and threshold results, the run's wall-clock time, and HTTP
 * latency when its HdrHistogram logs are missing.
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
            + "or fail them by chance), carrier faults and the run's real duration";

    /** The summary, and the distributions the charts draw, rebuilt from the ledger. */
    record Rebuilt(RunSummary summary, Map<String, Histogram> delivery, Histogram timeToSignIn) {
    }

    /** One journey, while its events are read. */
    private static final class Journey {
        long startedAt;
        boolean anySendAccepted;
        boolean hitLock;
        boolean mistyped;
        boolean rejectedStale;
    }

    static Rebuilt read(Path dir, TimeSeries series) {
        Path file = dir.resolve(LEDGER);
        Counts c = new Counts();
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
                c.event(at, f[1], f[2], f[3], f[5]);
                line = next;
            }
        } catch (IOException e) {
            throw new ReportInputException(file, Files.exists(file) ? "cannot read: " + e.getMessage() : "missing", e);
        }
        return c.summary(dir, series);
    }

    /** Counts as the ledger's events go by. */
    private static final class Counts {
        final Map<String, Journey> running = new HashMap<>();
        final Map<String, Long> issuedAt = new HashMap<>();
        final Map<String, Long> journeyOutcomes = new LinkedHashMap<>();
        final Map<String, Long> submissions = new LinkedHashMap<>();
        final Map<String, Long> disagreements = new TreeMap<>();
        final Map<String, Long> lost = new LinkedHashMap<>();
        final Map<String, Long> issued = new LinkedHashMap<>();
        final Map<String, Histogram> delivery = new LinkedHashMap<>();
        final Histogram timeToSignIn = new Histogram(3);
        long journeys;
        long submissionCount;
        long staleAccepted;
        long staleJourneys;
        long lockedJourneys;
        long selfInflicted;
        long sends;
        long firstSends;
        long duplicated;
        long unknownRecipients;
        long lastMs;

        Counts() {
            for (JourneyOutcome o : JourneyOutcome.values()) {
                journeyOutcomes.put(o.id(), 0L);
            }
            for (SubmissionOutcome o : SubmissionOutcome.values()) {
                submissions.put(o.id(), 0L);
            }
            for (LossReason r : LossReason.values()) {
                lost.put(r.id(), 0L);
            }
        }

        void event(long at, String event, String address, String channel, String detail) {
            lastMs = Math.max(lastMs, at);
            switch (event) {
                case "journey-start" -> {
                    journeys++;
                    Journey j = new Journey();
                    j.startedAt = at;
                    running.put(address, j);
                }
                case "send-answer" -> {
                    Journey j = running.get(address);
                    if (j == null) {
                        return; // as the run: answers for a journey it does not know are not counted
                    }
                    if (detail.equals("accepted")) {
                        sends++;
                        if (!j.anySendAccepted) {
                            firstSends++;
                            j.anySendAccepted = true;
                        }
                    } else if (detail.equals("locked")) {
                        j.hitLock = true;
                    }
                }
                case "submission" -> submission(running.get(address), detail);
                case "journey-end" -> {
                    Journey j = running.remove(address);
                    if (j == null) {
                        return;
                    }
                    journeyOutcomes.merge(detail, 1L, Long::sum);
                    if (detail.equals(JourneyOutcome.SUCCESS.id())) {
                        timeToSignIn.recordValue(Math.max(0, at - j.startedAt));
                    }
                    if (j.hitLock) {
                        lockedJourneys++;
                        if (!j.mistyped) {
                            selfInflicted++;
                        }
                    }
                    if (j.rejectedStale) {
                        staleJourneys++;
                    }
                }
                case "issued" -> {
                    issued.merge(channel, 1L, Long::sum);
                    issuedAt.put(detail, at);
                }
                case "delivered", "delivered-duplicate" -> {
                    Long from = issuedAt.get(detail);
                    if (from != null) {
                        delivery.computeIfAbsent(channel, k -> new Histogram(3)).recordValue(Math.max(0, at - from));
                    }
                }
                case "lost" -> lost.merge(detail, 1L, Long::sum);
                case "duplicated" -> duplicated++;
                case "unknown-recipient" -> unknownRecipients++;
                default -> {
                    // send-request, resend-request: the answer is what counts
                }
            }
        }

        /** {@code outcome[/accepted][ (disagreement)]}, as the ledger writes a classification. */
        private void submission(Journey j, String detail) {
            String outcome = detail;
            int paren = detail.indexOf(" (");
            if (paren >= 0) {
                disagreements.merge(detail.substring(paren + 2, detail.endsWith(")") ? detail.length() - 1 : detail.length()),
                        1L, Long::sum);
                outcome = detail.substring(0, paren);
            }
            boolean accepted = outcome.endsWith("/accepted");
            if (accepted) {
                outcome = outcome.substring(0, outcome.length() - "/accepted".length());
            }
            submissionCount++;
            submissions.merge(outcome, 1L, Long::sum);
            boolean stale = outcome.equals(SubmissionOutcome.STALE.id());
            if (stale && accepted) {
                staleAccepted++;
            }
            if (j != null) {
                j.hitLock |= outcome.equals(SubmissionOutcome.LOCKED.id());
                j.mistyped |= outcome.equals(SubmissionOutcome.MISTYPED.id());
                j.rejectedStale |= stale && !accepted;
            }
        }

        Rebuilt summary(Path dir, TimeSeries series) {
            Optional<Config> scenario = readScenario(dir);
            Map<String, String> info = readRunInfo(dir);
            long simMs = Math.max(lastMs, (long) series.endMs());
            long successes = journeyOutcomes.getOrDefault(JourneyOutcome.SUCCESS.id(), 0L);
            List<String> channels = new ArrayList<>();
            for (String ch : TimeSeriesColumns.CHANNELS) {
                if (issued.containsKey(ch) || delivery.containsKey(ch) || series.channelUsed(ch)) {
                    channels.add(ch);
                }
            }
            Map<String, RunSummary.Percentiles> deliveryMs = new LinkedHashMap<>();
            Map<String, Double> perSuccess = new LinkedHashMap<>();
            long allIssued = 0;
            for (String ch : channels) {
                deliveryMs.put(ch, percentiles(delivery.getOrDefault(ch, new Histogram(3)), 1));
                long n = issued.getOrDefault(ch, 0L);
                allIssued += n;
                perSuccess.put(ch, ratio(n, successes));
            }
            perSuccess.put("all", ratio(allIssued, successes));
            Map<String, RunSummary.Percentiles> http = new LinkedHashMap<>();
            List<String> warnings = new ArrayList<>(List.of(REBUILT, NOT_COMPUTED));
            for (String kind : List.of("send", "verify")) {
                Path log = dir.resolve("hdr").resolve("http-" + kind + ".hlog");
                http.put(kind, percentiles(Files.exists(log) ? HistogramLogs.readTotal(log) : new Histogram(3), 1000));
            }
            if (http.values().stream().allMatch(p -> p.count() == 0)) {
                warnings.add("HTTP latency: not measured (no requests in hdr/http-*.hlog)");
            }
            double simSeconds = Math.max(1, simMs) / 1000.0;
            String name = scenario.filter(s -> s.hasPath("name")).map(s -> s.getString("name"))
                    .orElse(dir.getFileName().toString());
            RunSummary s = new RunSummary(dir.getFileName().toString(), name, scenarioFile(dir).orElse(""),
                    scenario.filter(x -> x.hasPath("seed")).map(x -> x.getLong("seed")).orElse(0L),
                    scenario.filter(x -> x.hasPath("time-scale")).map(x -> x.getDouble("time-scale")).orElse(1.0),
                    info.getOrDefault("startedAt", ""), simMs, 0.0, journeys, journeyOutcomes, submissions,
                    submissionCount, staleAccepted,
                    ratio(submissions.getOrDefault(SubmissionOutcome.STALE.id(), 0L), submissionCount),
                    ratio(staleJourneys, journeys), ratio(lockedJourneys, journeys), lockedJourneys, selfInflicted,
                    sends, ratio(sends, journeys), ratio(sends - firstSends, sends), List.of(),
                    percentiles(timeToSignIn, 1), deliveryMs, perSuccess, successes / simSeconds, journeys / simSeconds,
                    disagreements.values().stream().mapToLong(Long::longValue).sum(), disagreements, http, lost,
                    duplicated, unknownRecipients, List.of(), warnings, List.of());
            Map<String, Histogram> charted = new LinkedHashMap<>();
            for (String ch : channels) {
                charted.put(ch, delivery.getOrDefault(ch, new Histogram(3)));
            }
            return new Rebuilt(s, charted, timeToSignIn);
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

    /** As the run's summary: percentiles in ms of a histogram in units of 1/unitsPerMs ms. */
    private static RunSummary.Percentiles percentiles(Histogram h, long unitsPerMs) {
        if (h.getTotalCount() == 0) {
            return new RunSummary.Percentiles(0, 0, 0, 0, 0, 0);
        }
        return new RunSummary.Percentiles(h.getTotalCount(), h.getMean() / unitsPerMs,
                Math.round((double) h.getValueAtPercentile(50) / unitsPerMs),
                Math.round((double) h.getValueAtPercentile(90) / unitsPerMs),
                Math.round((double) h.getValueAtPercentile(99) / unitsPerMs),
                Math.round((double) h.getMaxValue() / unitsPerMs));
    }

    private static double ratio(long n, long d) {
        return d == 0 ? 0.0 : (double) n / d;
    }
}
