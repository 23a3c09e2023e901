package dev.otpsim.report;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's {@code unmatched-answers.json}: the external target's answers no rule of its mapping
 * matched, by request and status (e.g. {@code "verify 418": 3}). Only runs against an external
 * target write it.
 *
 * <pre>{@code
 * Map<String, Long> unmatched = UnmatchedAnswers.read(runDir);   // null when the run wrote none
 * }</pre>
 */
final class UnmatchedAnswers {
    static final String FILE = "unmatched-answers.json";

    private UnmatchedAnswers() {
    }

    /** The counts, or null when the run wrote no such file (the embedded target). */
    static Map<String, Long> read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Map<String, Long> m = RunDirectory.JSON.readValue(file.toFile(), new TypeReference<TreeMap<String, Long>>() { });
            return m == null ? Map.of() : m;
        } catch (IOException e) {
            throw new ReportInputException(file, "not an object of answers and counts: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
