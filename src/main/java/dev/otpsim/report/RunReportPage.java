package dev.otpsim.report;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import dev.otpsim.metrics.Estimate;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.metrics.RunSummary.Percentiles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The HTML of one run's report. Each headline figure's cell carries {@code data-key} (its path in
 * {@code summary.json}, e.g. {@code timeToSignInMs.p90}; {@code retryStorms.length} for a list's
 * size) and {@code data-value} (the exact value), so tools and tests can check the page against
 * the summary while people read the rounded text.
 */
final class RunReportPage {
    private final RunDirectory run;
    private final RunSummary s;
    private final Optional<Config> scenario;
    private final List<RunReport.Chart> charts;
    private final StringBuilder b = new StringBuilder(32_000);

    RunReportPage(RunDirectory run, Optional<Config> scenario, List<RunReport.Chart> charts) {
        this.run = run;
        this.s = run.summary();
        this.scenario = scenario;
        this.charts = charts;
    }

    String render() {
        String runId = run.dir().toAbsolutePath().normalize().getFileName().toString();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>otpsim run ")
                .append(Html.esc(runId)).append("</title>\n<style>").append(Html.STYLE).append("</style></head><body>\n");
        b.append("<h1>Run ").append(Html.esc(runId)).append("</h1>\n<p class=\"sub\">scenario <b>")
                .append(Html.esc(s.scenario())).append("</b> · engine <b data-key=\"engine\">").append(Html.esc(s.engine()))
                .append("</b> · seed ").append(s.seed())
                .append(s.replications() > 1 ? " · " + s.replications() + " replications" : "")
                .append(RunSummary.VIRTUAL.equals(s.engine()) ? " · virtual time (exact, independent of the machine)"
                        : " · time-scale " + Html.esc(Figures.number(s.timeScale())) + "×")
                .append(" · ").append(Html.esc(Figures.duration(s.simulatedDurationMs()))).append(" simulated")
                .append(run.runInfo().containsKey("wallSeconds") ? " in " + Html.esc(run.runInfo().get("wallSeconds")) + " s real" : "")
                .append(run.runInfo().containsKey("startedAt") ? " · started " + Html.esc(run.runInfo().get("startedAt")) : "")
                .append("</p>\n");
        run.gatlingReport().ifPresent(g -> b.append("<p>Per-request HTTP figures: <a href=\"").append(Html.href(g))
                .append("\">Gatling's report</a></p>\n"));
        problems();
        warnings();
        headline();
        thresholds();
        storms();
        chartsSection();
        alsoMeasured();
        unmatched();
        scenarioSection();
        b.append("<p class=\"note\">All durations are simulated time unless marked real. Rebuild this page from the run's raw files with <code>otpsim report ")
                .append(Html.esc(run.dir().getFileName())).append("</code>.</p>\n</body></html>\n");
        return b.toString();
    }

    private void headline() {
        b.append("<h2>Headline</h2>\n<p class=\"note\">")
                .append(s.replications() > 1 ? s.replications() + " replications pooled (seeds in summary.json); "
                        + "the time series and charts below are the first replication's. " : "")
                .append("Each figure with its 95 % interval and the number it rests on; how they are made: "
                        + "the README's \"How much to trust a figure\".</p>\n")
                .append("<table class=\"headline\"><tr><th>figure</th><th>value</th><th>95 % interval (n)</th></tr>\n");
        long success = s.outcomes() == null ? 0 : s.outcomes().getOrDefault("success", 0L);
        row("Journeys started", "journeys", s.journeys(), Figures.number(s.journeys()));
        row("Successful journeys", "outcomes.success", success,
                Figures.number(success) + share(success, s.journeys(), "of journeys"), "successRate");
        row("Stale-code rate (submissions)", "staleSubmissionRate", s.staleSubmissionRate(),
                Figures.percent(s.staleSubmissionRate()) + " of " + Figures.number(s.submissionCount()) + " submissions",
                "staleSubmissionRate");
        row("Journeys with a rejected stale code", "staleJourneyRate", s.staleJourneyRate(), Figures.percent(s.staleJourneyRate()),
                "staleJourneyRate");
        row("Stale codes the target accepted", "staleAccepted", s.staleAccepted(), Figures.number(s.staleAccepted()));
        row("Lockout rate", "lockoutRate", s.lockoutRate(),
                Figures.percent(s.lockoutRate()) + " (" + Figures.number(s.lockedJourneys()) + " journeys)", "lockoutRate");
        row("Self-inflicted lockouts (no mistyped code)", "selfInflictedLockouts", s.selfInflictedLockouts(),
                Figures.number(s.selfInflictedLockouts()) + share(s.selfInflictedLockouts(), s.lockedJourneys(), "of lockouts"),
                "selfInflictedLockoutRate");
        recovery();
        row("Send amplification (sends / journeys)", "sendAmplification", s.sendAmplification(), Figures.times(s.sendAmplification()),
                "sendAmplification");
        row("Retry ratio (resends / sends)", "retryRatio", s.retryRatio(), Figures.percent(s.retryRatio()), "retryRatio");
        List<RunSummary.Storm> storms = s.retryStorms() == null ? List.of() : s.retryStorms();
        long metastable = storms.stream().filter(RunSummary.Storm::metastable).count();
        boolean rebuilt = s.warnings() != null && s.warnings().contains(LedgerSummary.REBUILT);
        Estimate perRun = s.estimate("retryStorms");
        if (s.replications() > 1 && perRun != null && !rebuilt) {
            // Storms are episodes of one run: over replications the headline is their mean per run;
            // the table below lists the first replication's, whose time series the charts show.
            row("Retry storms per run", "estimates.retryStorms.value", perRun.value(),
                    shown("retryStorms", perRun.value()) + " (first replication: " + storms.size()
                            + (storms.isEmpty() ? "" : ", " + metastable + " metastable") + ")", "retryStorms");
        } else {
            row("Retry storms", "retryStorms.length", storms.size(), rebuilt ? "not computed (partial run, see above)"
                    : storms.size() + (storms.isEmpty() ? "" : " (" + metastable + " metastable)"));
        }
        Percentiles t = s.timeToSignInMs();
        if (t != null) {
            row("Time to sign in p50", "timeToSignInMs.p50", t.p50(), t.count() == 0 ? "n/a" : Figures.duration(t.p50()),
                    "timeToSignInMs.p50");
            row("Time to sign in p90", "timeToSignInMs.p90", t.p90(), t.count() == 0 ? "n/a" : Figures.duration(t.p90()),
                    "timeToSignInMs.p90");
            row("Time to sign in p99", "timeToSignInMs.p99", t.p99(), t.count() == 0 ? "n/a" : Figures.duration(t.p99()),
                    "timeToSignInMs.p99");
            row("Time to sign in max", "timeToSignInMs.max", t.max(), Figures.duration(t.max()));
        }
        row("Goodput (successful journeys per simulated second)", "goodput", s.goodput(),
                Figures.perSecond(s.goodput()) + " of " + Figures.perSecond(s.offeredRate()) + " offered", "goodput");
        row("Offered load (journeys per simulated second)", "offeredRate", s.offeredRate(), Figures.perSecond(s.offeredRate()));
        Map<String, Double> mps = s.messagesPerSuccess() == null ? Map.of() : s.messagesPerSuccess();
        if (mps.containsKey("all")) {
            row("Messages per successful journey", "messagesPerSuccess.all", mps.get("all"), Figures.number(mps.get("all")),
                    "messagesPerSuccess");
        }
        new TreeMap<>(mps).forEach((channel, v) -> {
            if (!channel.equals("all")) {
                row("… of which " + channel, "messagesPerSuccess." + channel, v, Figures.number(v));
            }
        });
        b.append("</table>\n");
    }

    /**
     * Journeys that ended in account recovery and what they cost; and codes from authenticator apps
     * refused for reasons of their own, when there were any.
     */
    private void recovery() {
        RunSummary.Recovery r = s.recovery();
        if (r != null) {
            row("Journeys ended in account recovery", "recoveryRate", s.recoveryRate(),
                    Figures.percent(s.recoveryRate()) + " (" + Figures.number(r.journeys()) + " journeys, each waiting "
                            + Figures.duration(r.delayMs()) + " for access)", "recoveryRate");
            if (r.costPerCase() > 0) {
                row("Account recovery cost (" + r.currency() + ")", "recovery.cost", r.cost(),
                        money(r.cost()) + " " + r.currency() + " (" + money(r.costPerCase()) + " per case)");
            }
        }
        Map<String, Long> sub = s.submissions() == null ? Map.of() : s.submissions();
        long rolled = sub.getOrDefault("totp-rolled-over", 0L);
        long skewed = sub.getOrDefault("totp-skewed", 0L);
        long replayed = sub.getOrDefault("totp-replayed", 0L);
        if (rolled + skewed + replayed > 0) {
            row("Authenticator codes refused: rolled over while typed", "submissions.totp-rolled-over", rolled,
                    Figures.number(rolled));
            row("… read off a phone whose clock was outside the window", "submissions.totp-skewed", skewed,
                    Figures.number(skewed));
            row("… a step already used (replay)", "submissions.totp-replayed", replayed, Figures.number(replayed));
        }
    }

    private static String money(double v) {
        return String.format(java.util.Locale.ROOT, v >= 100 ? "%,.0f" : "%,.2f", v);
    }

    /** Why the figures below are not a result: above everything else, in red. */
    private void problems() {
        if (s.problems() == null || s.problems().isEmpty()) {
            return;
        }
        b.append("<div class=\"problem\"><b>Not a result</b> — the figures below are shown for diagnosis "
                + "only:<ul>\n");
        for (RunSummary.RunProblem p : s.problems()) {
            b.append("<li><b>").append(Html.esc(p.kind().id())).append("</b>: ").append(Html.esc(p.message()))
                    .append("</li>\n");
        }
        b.append("</ul></div>\n");
    }

    /**
     * What the conversation with the target did not match: answers no rule of the external target's
     * mapping matched ({@code unmatched-answers.json}), and what the carrier gateway refused.
     */
    private void unmatched() {
        Map<String, Long> answers = UnmatchedAnswers.read(run.dir());
        List<dev.otpsim.carrier.gateway.GatewayRefusals.Refusal> refused =
                s.gatewayRefusals() == null ? List.of() : s.gatewayRefusals();
        if (answers == null && refused.isEmpty()) {
            return; // the embedded target and a gateway that refused nothing: nothing to show
        }
        b.append("<h2>Unmatched answers and refused messages</h2>\n");
        if (answers != null) {
            long total = answers.values().stream().mapToLong(Long::longValue).sum();
            b.append("<p class=\"note\">Answers of the target no rule of <code>target.external.outcomes</code> matched "
                    + "(each became an <code>error</code>; from <code>unmatched-answers.json</code>). Add a rule for "
                    + "each, or check it with <code>otpsim probe</code>.</p>\n");
            if (answers.isEmpty()) {
                b.append("<p class=\"unmatched\">None: the mapping covered every answer.</p>\n");
            } else {
                // Not in summary.json, so no data-key: the file beside it is the source.
                b.append("<table class=\"unmatched\"><tr><th>request and status</th><th>answers</th></tr>\n");
                new TreeMap<>(answers).forEach((k, n) -> b.append("<tr><td><code>").append(Html.esc(k))
                        .append("</code></td><td class=\"num\">").append(Figures.number(n)).append("</td></tr>\n"));
                b.append("<tr><td>all</td><td class=\"num\">").append(Figures.number(total)).append("</td></tr>\n");
                b.append("</table>\n");
            }
        }
        if (!refused.isEmpty()) {
            b.append("<p class=\"note\">Messages the carrier gateway refused: whatever is here never reached a "
                    + "person. A wrong path, a body in a shape the gateway does not read, or a text with no code.</p>\n"
                    + "<table><tr><th>via</th><th>request</th><th>status</th><th>reason</th><th>count</th></tr>\n");
            for (int i = 0; i < refused.size(); i++) {
                var r = refused.get(i);
                b.append("<tr><td>").append(Html.esc(r.via())).append("</td><td><code>").append(Html.esc(r.request()))
                        .append("</code></td><td>").append(r.status()).append("</td><td>").append(Html.esc(r.reason()))
                        .append("</td>");
                cell("gatewayRefusals." + i + ".count", r.count(), Figures.number(r.count()));
                b.append("</tr>\n");
            }
            b.append("</table>\n");
        }
    }

    private void warnings() {
        if (s.warnings() == null || s.warnings().isEmpty()) {
            return;
        }
        b.append("<div class=\"warning\"><b>Read with care</b><ul>\n");
        for (String w : s.warnings()) {
            b.append("<li>").append(Html.esc(w)).append("</li>\n");
        }
        b.append("</ul></div>\n");
    }

    private void thresholds() {
        if (s.thresholds() == null || s.thresholds().isEmpty()) {
            return;
        }
        long failed = s.thresholds().stream().filter(t -> !t.passed()).count();
        b.append("<h2>Thresholds: ").append(failed == 0 ? "<span class=\"pass\">all passed</span>"
                : "<span class=\"fail\">" + failed + " failed</span>").append("</h2>\n<table><tr><th>threshold</th><th>this run</th><th>result</th></tr>\n");
        for (int i = 0; i < s.thresholds().size(); i++) {
            RunSummary.ThresholdResult t = s.thresholds().get(i);
            b.append("<tr><td><code>").append(Html.esc(t.expression())).append("</code></td>");
            cell("thresholds." + i + ".actual", t.actual(), Figures.number(t.actual()));
            b.append("<td data-key=\"thresholds.").append(i).append(".passed\" data-value=\"").append(t.passed())
                    .append("\" class=\"").append(t.passed() ? "pass\">passed" : "fail\">failed").append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private void storms() {
        if (s.retryStorms() == null || s.retryStorms().isEmpty()) {
            return;
        }
        b.append("<h2>Retry storms</h2>\n<p class=\"note\">Retry ratio above the threshold for consecutive windows while carrier backlog or delivery delay grew. "
                + "Metastable: it lasted longer than the recovery time after its trigger ended.</p>\n"
                + "<table><tr><th>start</th><th>length</th><th>windows</th><th>peak retry ratio</th><th>peak sends / window</th><th>trigger ended</th><th>metastable</th></tr>\n");
        for (int i = 0; i < s.retryStorms().size(); i++) {
            RunSummary.Storm st = s.retryStorms().get(i);
            String k = "retryStorms." + i + ".";
            b.append("<tr>");
            cell(k + "startMs", st.startMs(), Figures.duration(st.startMs()));
            cell(k + "lengthMs", st.lengthMs(), Figures.duration(st.lengthMs()));
            cell(k + "windows", st.windows(), Integer.toString(st.windows()));
            cell(k + "peakRetryRatio", st.peakRetryRatio(), Figures.percent(st.peakRetryRatio()));
            cell(k + "peakSendsPerWindow", st.peakSendsPerWindow(), Figures.number(st.peakSendsPerWindow()));
            cell(k + "triggerEndMs", st.triggerEndMs(), st.triggerEndMs() < 0 ? "unknown" : Figures.duration(st.triggerEndMs()));
            b.append("<td>").append(st.metastable() ? "<span class=\"fail\">yes</span>" : "no").append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private void chartsSection() {
        b.append("<h2>Charts</h2>\n");
        for (RunReport.Chart c : charts) {
            b.append("<figure><img src=\"").append(Html.href(c.file())).append("\" width=\"").append(ChartStyle.WIDTH)
                    .append("\" height=\"").append(ChartStyle.HEIGHT).append("\" alt=\"").append(Html.esc(c.question()))
                    .append("\"><figcaption>").append(Html.esc(c.howToRead())).append("</figcaption></figure>\n");
        }
    }

    private void alsoMeasured() {
        b.append("<h2>Also measured</h2>\n<table>\n");
        row("Submissions", "submissionCount", s.submissionCount(), Figures.number(s.submissionCount()));
        row("Code sends accepted by the target", "sends", s.sends(), Figures.number(s.sends()));
        counts("Submissions: ", "submissions", s.submissions());
        counts("Journeys: ", "outcomes", s.outcomes());
        counts("Messages lost: ", "lostMessages", s.lostMessages());
        row("Duplicate messages delivered", "duplicatedMessages", s.duplicatedMessages(), Figures.number(s.duplicatedMessages()));
        row("Messages for unknown recipients", "unknownRecipients", s.unknownRecipients(), Figures.number(s.unknownRecipients()));
        row("Target answers contradicting the ledger", "targetDisagreements", s.targetDisagreements(), Figures.number(s.targetDisagreements()));
        if (s.disagreements() != null) {
            new TreeMap<>(s.disagreements()).forEach((kind, n) -> b.append("<tr><td>… ").append(Html.esc(kind))
                    .append("</td><td class=\"num\">").append(Figures.number(n)).append("</td></tr>\n"));
        }
        latencies("Delivery latency ", "deliveryLatencyMs", s.deliveryLatencyMs(), false);
        latencies("HTTP ", "httpLatencyMs", s.httpLatencyMs(), true);
        b.append("</table>\n");
    }

    private void counts(String label, String key, Map<String, Long> m) {
        if (m == null) {
            return;
        }
        new TreeMap<>(m).forEach((k, n) -> row(label + k, key + "." + k, n, Figures.number(n)));
    }

    private void latencies(String label, String key, Map<String, Percentiles> m, boolean realTime) {
        if (m == null) {
            return;
        }
        new TreeMap<>(m).forEach((k, p) -> {
            for (String q : List.of("p50", "p90", "p99", "max")) {
                long v = switch (q) {
                    case "p50" -> p.p50();
                    case "p90" -> p.p90();
                    case "p99" -> p.p99();
                    default -> p.max();
                };
                row(label + k + " " + q + (realTime ? " (real time)" : ""), key + "." + k + "." + q, v,
                        realTime ? Figures.number(v) + " ms" : Figures.duration(v));
            }
        });
    }

    private void scenarioSection() {
        b.append("<h2>The scenario as run</h2>\n<table>\n");
        fact("scenario", s.scenario());
        fact("scenario file", s.scenarioFile());
        fact("seed", Long.toString(s.seed()));
        fact("engine", s.engine());
        if (!RunSummary.VIRTUAL.equals(s.engine())) {
            fact("time-scale", Figures.number(s.timeScale()) + " simulated seconds per real second");
        }
        run.runInfo().forEach(this::fact);
        b.append("</table>\n");
        scenario.ifPresent(c -> {
            b.append("<h3>Every knob</h3>\n<table><tr><th>key</th><th>value</th></tr>\n");
            Map<String, ConfigValue> knobs = new TreeMap<>();
            c.entrySet().forEach(e -> knobs.put(e.getKey(), e.getValue()));
            knobs.forEach((k, v) -> b.append("<tr><td><code>").append(Html.esc(k)).append("</code></td><td><code>")
                    .append(Html.esc(v.render(ConfigRenderOptions.concise()))).append("</code></td></tr>\n"));
            b.append("</table>\n");
        });
        run.scenarioText().ifPresentOrElse(
                text -> b.append("<details><summary>scenario.conf</summary><pre>").append(Html.esc(text)).append("</pre></details>\n"),
                () -> b.append("<p class=\"note\">The run left no scenario.conf.</p>\n"));
    }

    private void fact(String name, String value) {
        b.append("<tr><td>").append(Html.esc(name)).append("</td><td>").append(Html.esc(value)).append("</td></tr>\n");
    }

    private void row(String label, String key, Number value, String text) {
        b.append("<tr><td>").append(Html.esc(label)).append("</td>");
        cell(key, value, text);
        b.append("</tr>\n");
    }

    /** A headline row with the figure's 95 % interval and sample size from the summary's estimates. */
    private void row(String label, String key, Number value, String text, String estimate) {
        b.append("<tr><td>").append(Html.esc(label)).append("</td>");
        cell(key, value, text);
        Estimate e = s.estimate(estimate);
        b.append("<td class=\"num\" data-estimate=\"").append(Html.esc(estimate)).append("\">");
        if (e != null && e.hasInterval()) {
            b.append(Html.esc(shown(estimate, e.low()))).append(" – ").append(Html.esc(shown(estimate, e.high())))
                    .append(" <small>(n = ").append(Html.esc(Figures.number(e.n())))
                    .append(Estimate.REPLICATIONS.equals(e.method()) ? " replications" : "").append(")</small>");
        } else if (e != null) {
            b.append("<small>none (").append(e.n() <= 1 ? "one replication" : "n = " + e.n()).append(")</small>");
        }
        b.append("</td></tr>\n");
    }

    /** An interval end in the figure's own unit. */
    private static String shown(String estimate, double v) {
        if (estimate.startsWith("timeToSignInMs")) {
            return Figures.duration(v);
        }
        if (estimate.equals("sendAmplification")) {
            return Figures.times(v);
        }
        if (estimate.equals("goodput")) {
            return Figures.perSecond(v);
        }
        if (estimate.equals("retryStorms")) {
            return String.format(java.util.Locale.ROOT, "%.2f", v);
        }
        if (estimate.equals("messagesPerSuccess")) {
            return Figures.number(v);
        }
        return Figures.percent(v);
    }

    private void cell(String key, Number value, String text) {
        b.append("<td class=\"num\" data-key=\"").append(Html.esc(key)).append("\" data-value=\"").append(Html.esc(value))
                .append("\">").append(Html.esc(text)).append("</td>");
    }

    private static String share(long part, long whole, String of) {
        return whole == 0 ? "" : " (" + Figures.percent((double) part / whole) + " " + of + ")";
    }
}
