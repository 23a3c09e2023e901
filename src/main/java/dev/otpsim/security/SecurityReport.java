package dev.otpsim.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code otpsim security} found, as written to {@code security.json}.
 *
 * @param scenario     the scenario's name
 * @param scenarioFile where it was loaded from
 * @param target       the target's base URL and what it is
 * @param gateway      where its codes were received
 * @param limits       the limits held against, and where they come from
 * @param parallel     requests fired at once beyond each limit
 * @param probeTimeoutMs real-time bound of each probe
 * @param startedAt    ISO time the probing began
 * @param wallSeconds  real time it took
 * @param verdict      fail when a probe failed; else error when a probe (or the start) could not decide; else pass
 * @param exitCode     0 pass, 1 a probe failed, 3 the probing itself failed
 * @param failure      why the probing could not start (target unreachable, no code at the gateway), else null
 * @param preflight    the first probe person's number, and the first send and code, which showed the
 *                     target and gateway work
 * @param probes       each probe's verdict and evidence, in order
 * @param unmatchedAnswers an external target's answers no outcome rule matched (each one an error)
 */
public record SecurityReport(String scenario, String scenarioFile, String target, String gateway, Limits limits,
                             int parallel, long probeTimeoutMs, String startedAt, double wallSeconds, Verdict verdict,
                             int exitCode, String failure, Map<String, Object> preflight, List<ProbeResult> probes,
                             Map<String, Long> unmatchedAnswers) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The overall verdict: any failed probe is a finding, even when another could not decide. */
    static Verdict verdict(String failure, List<ProbeResult> probes) {
        if (probes.stream().anyMatch(p -> p.verdict() == Verdict.FAIL)) {
            return Verdict.FAIL;
        }
        if (failure != null || probes.stream().anyMatch(p -> p.verdict() == Verdict.ERROR)) {
            return Verdict.ERROR;
        }
        return Verdict.PASS;
    }

    static int exitCode(Verdict v) {
        return switch (v) {
            case PASS, SKIPPED -> 0;
            case FAIL -> 1;
            case ERROR -> 3;
        };
    }

    void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
