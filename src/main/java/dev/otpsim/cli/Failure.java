package dev.otpsim.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Failures said in words, in one line. Java's file exceptions carry only a path as their message
 * ({@code FileAlreadyExistsException: /dev/null}), which printed as "the run failed: /dev/null"
 * told the user nothing.
 *
 * <pre>{@code
 * catch (Exception e) { System.err.println("otpsim: the run failed: " + Failure.describe(e)); }
 * Failure.outputDirectory(Path.of("/dev/null"), "--out");   // "--out /dev/null: not a directory (...)"
 * }</pre>
 */
final class Failure {
    private Failure() {
    }

    /** What went wrong, in words, on one line: the reason for file errors, the kind for errors. */
    static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + firstLine(e.getMessage()) + "): the run needed more heap than this JVM has; "
                    + "lower the load or give Java more with OTPSIM_JAVA_OPTS=-Xmx4g";
        }
        if (e instanceof StackOverflowError) {
            return "stack overflow: something nested too deeply for otpsim to handle (please report it)";
        }
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            String own = firstLine(u.getMessage());
            String cause = describe(u.getCause());
            return own.isEmpty() || cause.contains(own) ? cause : own + ": " + cause;
        }
        if (e instanceof FileSystemException f) {
            return fileProblem(f);
        }
        if (e instanceof IOException) {
            String m = firstLine(e.getMessage());
            return m.isEmpty() ? "input/output error (" + e.getClass().getSimpleName() + ")" : m;
        }
        if (e instanceof Error || e instanceof RuntimeException && !(e instanceof IllegalArgumentException)
                && !(e instanceof IllegalStateException)) {
            String m = firstLine(e.getMessage());
            return "unexpected error " + e.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m)
                    + "; this is a bug in otpsim";
        }
        String m = firstLine(e.getMessage());
        return m.isEmpty() ? e.getClass().getSimpleName() : m;
    }

    /**
     * Why {@code dir} cannot hold results, or empty when it can (it is a writable directory, or can
     * be created under one). Checked before a run starts anything.
     */
    static Optional<String> outputDirectory(Path dir, String option) {
        String shown = option + " " + dir;
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                return Optional.of(shown + ": not a directory (it is a file; name a directory to put results in)");
            }
            if (!Files.isWritable(dir)) {
                return Optional.of(shown + ": permission denied (cannot create files in it)");
            }
            return Optional.empty();
        }
        Path parent = dir.toAbsolutePath().getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null) {
            return Optional.empty();
        }
        if (!Files.isDirectory(parent)) {
            return Optional.of(shown + ": cannot be created, " + parent + " is a file, not a directory");
        }
        if (!Files.isWritable(parent)) {
            return Optional.of(shown + ": cannot be created, permission denied in " + parent);
        }
        return Optional.empty();
    }

    private static String fileProblem(FileSystemException f) {
        String file = f.getFile() == null ? "" : f.getFile();
        String what;
        if (f instanceof NoSuchFileException) {
            what = "no such file or directory";
        } else if (f instanceof AccessDeniedException) {
            what = "permission denied";
        } else if (f instanceof FileAlreadyExistsException) {
            what = "already exists, and is not a directory that can be used";
        } else if (f instanceof NotDirectoryException) {
            what = "not a directory";
        } else if (f instanceof DirectoryNotEmptyException) {
            what = "directory not empty";
        } else {
            what = f.getReason() == null ? f.getClass().getSimpleName() : f.getReason();
        }
        if (f.getOtherFile() != null) {
            file = file + " → " + f.getOtherFile();
        }
        return file.isEmpty() ? what : file + ": " + what;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").strip();
    }
}
