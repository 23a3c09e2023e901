package dev.otpsim.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How {@code otpsim security} probes.
 *
 * <pre>{@code
 * SecurityOptions o = SecurityOptions.defaults().withParallel(16).withProbes(List.of("code-reuse"));
 * }</pre>
 *
 * @param parallel     requests fired at once beyond the limit under test (the races fire limit + parallel)
 * @param probeTimeout real-time bound of one probe, waits for the target's cooldowns included
 * @param codes        codes sampled from as many fresh people for the entropy probe
 * @param probes       probe ids to run, in the standard order; empty for all
 * @param firstPerson  number {@code {n}} of the first probe person, or null for the default
 *                     (1 for the embedded target; a random block of 6,000 for an external one)
 * @param allowedHosts non-loopback hosts the user allowed ({@code --allow-target})
 * @param reportsDir   parent of {@code security-<name>-<time>/}
 */
public record SecurityOptions(int parallel, Duration probeTimeout, int codes, List<String> probes, Long firstPerson,
                              List<String> allowedHosts, Path reportsDir) {
    public static final int MIN_PARALLEL = 1;
    public static final int MAX_PARALLEL = 200;
    public static final int MIN_CODES = 50;
    public static final int MAX_CODES = 5_000;

    public SecurityOptions {
        if (parallel < MIN_PARALLEL || parallel > MAX_PARALLEL) {
            throw new IllegalArgumentException("--parallel must be in [" + MIN_PARALLEL + ", " + MAX_PARALLEL
                    + "], got " + parallel);
        }
        if (probeTimeout == null || probeTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("--timeout must be at least 1s, got " + probeTimeout);
        }
        if (codes < MIN_CODES || codes > MAX_CODES) {
            throw new IllegalArgumentException("--codes must be in [" + MIN_CODES + ", " + MAX_CODES + "], got "
                    + codes + " (the chi-squared tests need about 5 codes per digit and position)");
        }
        if (firstPerson != null && (firstPerson < 1 || firstPerson > 1_000_000_000L)) {
            throw new IllegalArgumentException("--first-person must be in [1, 1000000000], got " + firstPerson);
        }
        probes = List.copyOf(probes);
        allowedHosts = List.copyOf(allowedHosts);
    }

    /** 32 at once, 2 minutes a probe, 200 codes, every probe, into {@code reports/}. */
    public static SecurityOptions defaults() {
        return new SecurityOptions(32, Duration.ofMinutes(2), 200, List.of(), null, List.of(), Path.of("reports"));
    }

    public SecurityOptions withParallel(int n) {
        return new SecurityOptions(n, probeTimeout, codes, probes, firstPerson, allowedHosts, reportsDir);
    }

    public SecurityOptions withProbeTimeout(Duration d) {
        return new SecurityOptions(parallel, d, codes, probes, firstPerson, allowedHosts, reportsDir);
    }

    public SecurityOptions withCodes(int n) {
        return new SecurityOptions(parallel, probeTimeout, n, probes, firstPerson, allowedHosts, reportsDir);
    }

    public SecurityOptions withProbes(List<String> ids) {
        return new SecurityOptions(parallel, probeTimeout, codes, ids, firstPerson, allowedHosts, reportsDir);
    }

    public SecurityOptions withFirstPerson(Long n) {
        return new SecurityOptions(parallel, probeTimeout, codes, probes, n, allowedHosts, reportsDir);
    }

    public SecurityOptions allowing(List<String> hosts) {
        return new SecurityOptions(parallel, probeTimeout, codes, probes, firstPerson, hosts, reportsDir);
    }

    public SecurityOptions withReportsDir(Path dir) {
        return new SecurityOptions(parallel, probeTimeout, codes, probes, firstPerson, allowedHosts, dir);
    }
}
