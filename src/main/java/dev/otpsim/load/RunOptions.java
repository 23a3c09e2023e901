package dev.otpsim.load;

import java.nio.file.Path;
import java.util.List;

/**
 * How to run a scenario, beyond the scenario itself.
 *
 * @param reportsDir   parent of the run directory ({@code reports/})
 * @param runId        directory name; null to derive one from the scenario name and the time
 * @param allowedHosts non-loopback hosts the user explicitly allowed as target or gateway
 * @param progress     print live progress while running
 * @param writeHtml    write the HTML report after the run
 */
public record RunOptions(Path reportsDir, String runId, List<String> allowedHosts, boolean progress,
                         boolean writeHtml) {

    public static RunOptions defaults() {
        return new RunOptions(Path.of("reports"), null, List.of(), true, true);
    }

    public RunOptions withReportsDir(Path dir) {
        return new RunOptions(dir, runId, allowedHosts, progress, writeHtml);
    }

    public RunOptions withRunId(String id) {
        return new RunOptions(reportsDir, id, allowedHosts, progress, writeHtml);
    }

    public RunOptions quiet() {
        return new RunOptions(reportsDir, runId, allowedHosts, false, writeHtml);
    }

    public RunOptions withoutHtml() {
        return new RunOptions(reportsDir, runId, allowedHosts, progress, false);
    }

    public RunOptions allowing(List<String> hosts) {
        return new RunOptions(reportsDir, runId, List.copyOf(hosts), progress, writeHtml);
    }
}
