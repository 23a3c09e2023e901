package dev.otpsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otpsim.report.RunDirectory;
import dev.otpsim.report.RunFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * summary.json is flat although RunSummary groups its fields: written and read back, a summary is
 * the same summary and the same bytes, with the fields in the order the file always had.
 */
class RunSummaryJsonTest {

    @Test
    void aSummaryReadBackIsTheSameSummaryAndWritesTheSameBytes(@TempDir Path dir) throws Exception {
        RunSummary written = new RunFixture().write(dir);
        Path file = dir.resolve("summary.json");
        RunSummary read = RunDirectory.readSummary(file);
        assertEquals(written, read);
        String again = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(read);
        assertEquals(Files.readString(file), again);
    }

    @Test
    void theFileIsFlatInTheOrderItAlwaysHad(@TempDir Path dir) throws Exception {
        new RunFixture().write(dir);
        var names = new java.util.ArrayList<String>();
        new ObjectMapper().readTree(dir.resolve("summary.json").toFile()).fieldNames().forEachRemaining(names::add);
        assertEquals(java.util.List.of("scenario", "scenarioFile", "engine", "seed", "replications", "seeds",
                "timeScale", "simulatedDurationMs", "valid", "problems", "journeys", "outcomes", "submissions",
                "submissionCount", "staleAccepted", "stalePastTtl", "staleSubmissionRate", "staleJourneyRate",
                "lockoutRate", "lockedJourneys", "selfInflictedLockouts", "deadCodeJourneys", "recoveryRate", "recovery",
                "sends", "sendAmplification", "retryRatio", "sendsWithoutCode", "retryStorms", "timeToSignInMs",
                "deliveryLatencyMs", "messagesPerSuccess", "goodput", "offeredRate", "targetDisagreements",
                "disagreements", "httpLatencyMs", "harnessLagMs", "lostMessages", "duplicatedMessages",
                "unknownRecipients", "estimates", "thresholds", "warnings", "carrierFaults", "definitions",
                "gatewayRefusals"), names);
    }
}
