package dev.otpsim.run;

import java.nio.file.Path;
import java.util.List;

/**
 * How to run a scenario, beyond the scenario itself. Immutable; {@code withX} makes a changed copy.
 *
 * <pre>{@code
 * RunOptions o = RunOptions.defaults().withReportsDir(Path.of("out")).withReplications(10).quiet();
 * }</pre>
 *
 * @param reportsDir    parent of the run directory ({@code reports/})
 * @param runId         directory name; null to derive one from the scenario name and the time
 * @param allowedHosts  non-loopback hosts the user explicitly allowed as target or gateway
 * @param progress      print live progress while running
 * @param writeHtml     write the HTML report after the run
 * @param replications  runs with seeds derived from the base seed, pooled into one summary; 1 = the base seed only
 * @param rawForAll     keep ledger.csv and the time series of every replication, not only the first
 * @param threads       replications run at once (virtual time); 0 = one per core
 * @param warmUp        the Gatling engine's warm-up people before simulated time starts (false in quick tests)
 */
public record RunOptions(Path reportsDir, String runId, List<String> allowedHosts, boolean progress,
                         boolean writeHtml, int replications, boolean rawForAll, int threads, boolean warmUp) {

    public static RunOptions defaults() {
        return new RunOptions(Path.of("reports"), null, List.of(), true, true, 1, false, 0, true);
    }

    public RunOptions withReportsDir(Path dir) {
        return new RunOptions(dir, runId, allowedHosts, progress, writeHtml, replications, rawForAll, threads, warmUp);
    }

    public RunOptions withRunId(String id) {
        return new RunOptions(reportsDir, id, allowedHosts, progress, writeHtml, replications, rawForAll, threads, warmUp);
    }

    public RunOptions quiet() {
        return new RunOptions(reportsDir, runId, allowedHosts, false, writeHtml, replications, rawForAll, threads, warmUp);
    }

    public RunOptions withoutHtml() {
        return new RunOptions(reportsDir, runId, allowedHosts, progress, false, replications, rawForAll, threads, warmUp);
    }

    public RunOptions allowing(List<String> hosts) {
        return new RunOptions(reportsDir, runId, List.copyOf(hosts), progress, writeHtml, replications, rawForAll,
                threads, warmUp);
    }

    public RunOptions withReplications(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("replications must be at least 1, got " + n);
        }
        return new RunOptions(reportsDir, runId, allowedHosts, progress, writeHtml, n, rawForAll, threads, warmUp);
    }

    public RunOptions withRawForAll(boolean all) {
        return new RunOptions(reportsDir, runId, allowedHosts, progress, writeHtml, replications, all, threads, warmUp);
    }

    public RunOptions withThreads(int n) {
        return new RunOptions(reportsDir, runId, allowedHosts, progress, writeHtml, replications, rawForAll, n, warmUp);
    }

    public RunOptions withoutWarmUp() {
        return new RunOptions(reportsDir, runId, allowedHosts, progress, writeHtml, replications, rawForAll, threads,
                false);
    }
}
