package dev.otpsim.cli;

import dev.otpsim.report.ReportInputException;
import dev.otpsim.report.RunReport;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code otpsim report <run-dir>}: rebuilds a run's HTML report from the raw files the run wrote,
 * so a report can be regenerated or restyled without running again.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Rebuild a run's report (index.html and charts) from its summary.json, timeseries.csv and "
                + "HdrHistogram logs. Exit 0 ok, 2 when a file is missing or unreadable.",
            "A run killed before it wrote summary.json gets a page marked partial, rebuilt from ledger.csv."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN-DIR", description = "a run directory, e.g. reports/20260101-120000-quickstart")
    Path runDir;

    @Override
    public Integer call() {
        try {
            boolean rebuilt = !java.nio.file.Files.exists(runDir.resolve(dev.otpsim.report.RunDirectory.SUMMARY));
            Path index = RunReport.write(runDir);
            if (rebuilt) {
                System.out.println("summary.json is missing (the run was killed early): the page is marked partial, "
                        + "its figures rebuilt from ledger.csv and timeseries.csv");
            }
            System.out.println("report: " + index.toAbsolutePath().toUri());
            return Main.OK;
        } catch (ReportInputException e) {
            System.err.println("otpsim report: " + e.getMessage());
            return Main.BAD_INPUT;
        } catch (UncheckedIOException e) {
            System.err.println("otpsim report: " + e.getMessage() + " (" + e.getCause().getMessage() + ")");
            return Main.BAD_INPUT;
        }
    }
}
