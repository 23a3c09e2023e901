package dev.otpsim.report;

import java.nio.file.Path;

/**
 * A run directory file that is missing or cannot be read. The message names the file and what is
 * wrong in one line, because it is what the user sees ({@code otpsim report} exits 2 with it).
 */
public final class ReportInputException extends RuntimeException {
    private final transient Path file;

    public ReportInputException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public ReportInputException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}
