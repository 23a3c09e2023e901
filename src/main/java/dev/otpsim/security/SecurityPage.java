package dev.otpsim.security;

import dev.otpsim.report.Html;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * {@code security.html}: the verdicts first, then each probe with its criterion, finding and
 * evidence, in the run report's style ({@link Html#STYLE}). Each verdict cell carries
 * {@code data-key} ({@code probes.<i>.verdict}) and {@code data-value}, so tools and tests can
 * check the page against {@code security.json}.
 */
final class SecurityPage {
    private final SecurityReport r;
    private final StringBuilder b = new StringBuilder(16_000);

    SecurityPage(SecurityReport report) {
        this.r = report;
    }

    String render() {
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>otpsim security ")
                .append(Html.esc(r.scenario())).append("</title>\n<style>").append(Html.STYLE)
                .append("</style></head><body>\n");
        b.append("<h1>Security probes: ").append(Html.esc(r.scenario())).append("</h1>\n<p class=\"sub\">target <b>")
                .append(Html.esc(r.target())).append("</b> · codes received at ").append(Html.esc(r.gateway()))
                .append(" · ").append(r.parallel()).append(" requests at once beyond each limit · started ")
                .append(Html.esc(r.startedAt())).append(" · ")
                .append(Html.esc(String.format(Locale.ROOT, "%.1f s", r.wallSeconds()))).append(" real</p>\n");
        verdicts();
        if (r.failure() != null) {
            b.append("<div class=\"warning\"><b>The probing could not start.</b> ").append(Html.esc(r.failure()))
                    .append("</div>\n");
        }
        for (int i = 0; i < r.probes().size(); i++) {
            probe(r.probes().get(i));
        }
        setup();
        b.append("<p class=\"note\">What each probe does, when it passes and what it cannot see: "
                + "docs/security-probes.md. Every request went to the target above and nowhere else; "
                + "no redirect was followed.</p>\n</body></html>\n");
        return b.toString();
    }

    private void verdicts() {
        long failed = r.probes().stream().filter(p -> p.verdict() == Verdict.FAIL).count();
        String head = switch (r.verdict()) {
            case PASS, SKIPPED -> "<span class=\"pass\">every probe passed</span>";
            case FAIL -> "<span class=\"fail\">" + failed + (failed == 1 ? " probe" : " probes") + " failed</span>";
            case ERROR -> "<span class=\"fail\">inconclusive</span>";
        };
        b.append("<h2>Verdict: ").append(head).append("</h2>\n<table><tr><th>probe</th><th>verdict</th><th>finding</th></tr>\n");
        for (int i = 0; i < r.probes().size(); i++) {
            ProbeResult p = r.probes().get(i);
            b.append("<tr><td><a href=\"#").append(Html.esc(p.id())).append("\">").append(Html.esc(p.title()))
                    .append("</a></td>");
            verdictCell("probes." + i + ".verdict", p.verdict());
            b.append("<td>").append(Html.esc(p.finding())).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private void probe(ProbeResult p) {
        b.append("<h2 id=\"").append(Html.esc(p.id())).append("\">").append(Html.esc(p.title())).append(": ")
                .append(span(p.verdict())).append("</h2>\n");
        b.append("<p><b>").append(Html.esc(p.finding())).append("</b></p>\n");
        b.append("<p class=\"note\">Passes when: ").append(Html.esc(p.criterion())).append(" (")
                .append(p.requests()).append(" requests, ")
                .append(Html.esc(String.format(Locale.ROOT, "%.1f s", p.seconds()))).append(")</p>\n");
        if (!p.evidence().isEmpty()) {
            b.append("<table>\n");
            p.evidence().forEach((k, v) -> {
                b.append("<tr><td>").append(Html.esc(label(k))).append("</td>");
                value(v);
                b.append("</tr>\n");
            });
            b.append("</table>\n");
        }
        if (!p.notes().isEmpty()) {
            b.append("<ul>\n");
            p.notes().forEach(n -> b.append("<li class=\"note\">").append(Html.esc(n)).append("</li>\n"));
            b.append("</ul>\n");
        }
    }

    private void setup() {
        b.append("<h2>Set-up</h2>\n<table>\n");
        fact("scenario file", r.scenarioFile());
        fact("limits held against", r.limits().source());
        fact("requests at once beyond each limit (--parallel)", Integer.toString(r.parallel()));
        fact("time bound of each probe (--timeout)", dev.otpsim.distribution.Durations.show(r.probeTimeoutMs()));
        r.preflight().forEach((k, v) -> fact(label(k), String.valueOf(v)));
        if (!r.unmatchedAnswers().isEmpty()) {
            fact("answers no outcome rule matched (each an error)", r.unmatchedAnswers().toString());
        }
        b.append("</table>\n");
    }

    private void value(Object v) {
        if (v instanceof Number n) {
            b.append("<td class=\"num\">").append(Html.esc(n)).append("</td>");
        } else if (v instanceof Map<?, ?> m) {
            b.append("<td>");
            m.forEach((k, x) -> b.append(Html.esc(k)).append(": <b>").append(Html.esc(flat(x))).append("</b><br>"));
            b.append("</td>");
        } else if (v instanceof Collection<?> c) {
            b.append("<td>").append(Html.esc(flat(c))).append("</td>");
        } else {
            b.append("<td>").append(Html.esc(v)).append("</td>");
        }
    }

    /** Nested values on one line: {@code a: 1, b: 2}. */
    private static String flat(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder s = new StringBuilder();
            m.forEach((k, x) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(": ").append(flat(x)));
            return s.toString();
        }
        if (v instanceof Collection<?> c) {
            StringBuilder s = new StringBuilder();
            c.forEach(x -> s.append(s.length() == 0 ? "" : ", ").append(flat(x)));
            return s.toString();
        }
        return String.valueOf(v);
    }

    private void verdictCell(String key, Verdict v) {
        b.append("<td data-key=\"").append(Html.esc(key)).append("\" data-value=\"").append(v.id()).append("\">")
                .append(span(v)).append("</td>");
    }

    private static String span(Verdict v) {
        return switch (v) {
            case PASS -> "<span class=\"pass\">pass</span>";
            case FAIL -> "<span class=\"fail\">FAIL</span>";
            case SKIPPED -> "<span class=\"note\">skipped</span>";
            case ERROR -> "<span class=\"fail\">error</span>";
        };
    }

    private void fact(String name, String value) {
        b.append("<tr><td>").append(Html.esc(name)).append("</td><td>").append(Html.esc(value)).append("</td></tr>\n");
    }

    /** {@code oneAtATimeEvaluated} → {@code one at a time evaluated}. */
    static String label(String key) {
        return key.replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
    }
}
