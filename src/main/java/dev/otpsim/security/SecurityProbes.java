package dev.otpsim.security;

import dev.otpsim.run.RunOutput;
import dev.otpsim.run.RunPlan;
import dev.otpsim.target.TargetProtocol.Identity;
import dev.otpsim.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code otpsim security}: probes an OTP service for the classic bypasses — races on the attempt
 * limit, attempts reset by a resend, reusable codes, send flooding, predictable codes, user
 * enumeration — and writes {@code reports/security-<name>-<time>/security.json} and
 * {@code security.html}. The target is the embedded reference target (started here, on
 * loopback) or the scenario's {@code target.external}, behind the same loopback guard as a run.
 *
 * <pre>{@code
 * SecurityProbes.Outcome o = new SecurityProbes(new PrintWriter(System.out, true)).run(scenario, SecurityOptions.defaults());
 * System.exit(o.report().exitCode());   // 0 all passed, 1 a probe failed, 3 the probing failed
 * }</pre>
 *
 * <p>Probes run one after another, each with people of its own, so they do not disturb each
 * other; each is bounded in requests (see docs/security-probes.md) and in time
 * ({@link SecurityOptions#probeTimeout()}).
 */
public final class SecurityProbes {
    /** Every probe, in the order they run. */
    static final List<SecurityProbe> ALL = List.of(new AttemptLimitProbe(), new ResendProbe(), new CodeReuseProbe(),
            new SendFloodProbe(), new CodeEntropyProbe(), new EnumerationProbe());

    private final PrintWriter out;

    /** @param out where a line per probe goes while they run */
    public SecurityProbes(PrintWriter out) {
        this.out = out;
    }

    /** The report and where it was written. */
    public record Outcome(Path dir, SecurityReport report) {
    }

    /** Probe ids, in the order they run. */
    public static List<String> ids() {
        return ALL.stream().map(SecurityProbe::id).toList();
    }

    /**
     * Probes the scenario's target.
     *
     * @throws IllegalArgumentException bad input: an unknown probe id, or a target or gateway off
     *                                  loopback that the options do not allow
     * @throws IOException              when the report directory cannot be written
     */
    public Outcome run(Scenario scenario, SecurityOptions options) throws IOException, InterruptedException {
        List<SecurityProbe> chosen = choose(options.probes());
        Optional<String> refused = RunPlan.refusal(scenario, options.allowedHosts());
        if (refused.isPresent()) {
            throw new IllegalArgumentException("refusing " + refused.get());
        }
        Path dir = createDir(options.reportsDir(), "security-" + scenario.name() + "-" + RunOutput.now());
        String startedAt = OffsetDateTime.now().toString();
        long start = System.nanoTime();
        List<ProbeResult> results = new ArrayList<>();
        Map<String, Object> preflight = new LinkedHashMap<>();
        String failure = null;
        String target = scenario.external() == null ? "embedded reference target"
                : scenario.external().baseUrl() + " (external)";
        String gatewayUrl = "http://" + scenario.gateway().host() + ":" + scenario.gateway().port();
        Map<String, Long> unmatched = Map.of();
        Limits limits = Limits.of(scenario);
        try (Harness h = Harness.start(scenario, options)) {
            target = h.targetUrl() + (h.embedded() ? " (embedded reference target)" : " (external)");
            gatewayUrl = h.gatewayUrl();
            out.println("security: target " + target + ", codes received at " + gatewayUrl + "; results in " + dir);
            out.flush();
            preflight.put("firstPerson", h.firstPerson());
            failure = preflight(h, preflight);
            if (failure == null) {
                for (SecurityProbe probe : chosen) {
                    ProbeResult result = runOne(h, probe);
                    results.add(result);
                    out.printf(Locale.ROOT, "security: %-24s %-7s (%d requests, %.1f s)%n", probe.id(),
                            result.verdict().id(), result.requests(), result.seconds());
                    out.flush();
                }
            }
            unmatched = h.unmatched();
        } catch (IOException e) {
            failure = "cannot start the carrier gateway on " + scenario.gateway().host() + " ports "
                    + scenario.gateway().port() + "/" + scenario.gateway().smtpPort() + ": " + e.getMessage();
        }
        Verdict verdict = SecurityReport.verdict(failure, results);
        SecurityReport report = new SecurityReport(scenario.name(), scenario.file().toString(), target, gatewayUrl,
                limits, options.parallel(), options.probeTimeout().toMillis(), startedAt,
                (System.nanoTime() - start) / 1e9, verdict, SecurityReport.exitCode(verdict), failure, preflight,
                results, unmatched);
        report.write(dir.resolve("security.json"));
        Files.writeString(dir.resolve("security.html"), new SecurityPage(report).render());
        return new Outcome(dir, report);
    }

    /** One send and its code: shows the target answers and its codes reach the gateway, or says why not. */
    private static String preflight(Harness h, Map<String, Object> evidence) throws InterruptedException {
        h.beginProbe();
        Identity p = h.person();
        Reply send = h.send(p);
        evidence.put("firstSend", send.describe());
        if (send.status() < 0) {
            return "the target at " + h.targetUrl() + " did not answer: " + send.failure();
        }
        if (!send.accepted()) {
            return "the target answered a first send for " + p.user() + " with " + send.describe()
                    + "; expected it accepted" + h.mappingHint("send");
        }
        try {
            String code = h.awaitCode(p, 1);
            h.sampleCode(code);
            evidence.put("codeFormat", code.chars().allMatch(Character::isDigit) ? code.length() + " digits"
                    : code.length() + " characters");
            return null;
        } catch (Inconclusive e) {
            return e.getMessage() + (h.embedded() ? "" : ": point the service's SMS/email sender at the gateway "
                    + "(docs/external-targets.md)");
        }
    }

    private ProbeResult runOne(Harness h, SecurityProbe probe) throws InterruptedException {
        ProbeResult.Builder r = new ProbeResult.Builder(probe);
        long requests = h.requests();
        long start = System.nanoTime();
        h.beginProbe();
        try {
            probe.run(h, r);
            return r.build(h.requests() - requests, (System.nanoTime() - start) / 1e9);
        } catch (Inconclusive e) {
            return r.error(e.getMessage(), h.requests() - requests, (System.nanoTime() - start) / 1e9);
        } catch (RuntimeException e) {
            // A bug in one probe costs that probe's verdict, not the others'.
            return r.error("the probe itself failed: " + e, h.requests() - requests, (System.nanoTime() - start) / 1e9);
        }
    }

    private static List<SecurityProbe> choose(List<String> ids) {
        if (ids.isEmpty()) {
            return ALL;
        }
        List<SecurityProbe> chosen = new ArrayList<>();
        for (SecurityProbe p : ALL) {
            if (ids.contains(p.id())) {
                chosen.add(p);
            }
        }
        for (String id : ids) {
            if (!ids().contains(id)) {
                throw new IllegalArgumentException("--probes: no probe \"" + id + "\"; expected some of "
                        + String.join(", ", ids()));
            }
        }
        return chosen;
    }

    private static Path createDir(Path parent, String name) throws IOException {
        if (Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new IOException(parent + " is a file, not a folder");
        }
        Files.createDirectories(parent);
        Path dir = parent.resolve(name);
        for (int n = 2; Files.exists(dir); n++) {
            dir = parent.resolve(name + "-" + n);
        }
        return Files.createDirectories(dir);
    }
}
