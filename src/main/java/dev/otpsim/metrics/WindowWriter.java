package dev.otpsim.metrics;

import dev.otpsim.handset.Channel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Closes metrics windows as simulated time passes: asks {@link RunMetrics} for each window's
 * sample and appends it to the run directory — a {@code timeseries.csv} row (columns:
 * {@link TimeSeriesColumns}) and an interval per window in each {@code hdr/*.hlog}. Appending as
 * it goes is what lets a killed run leave readable results. Without a directory it only keeps the
 * samples the storm detector needs (replications whose raw files are not kept).
 *
 * <p>Called from one thread (the run's ticker, or the virtual-time loop) only:
 * <pre>{@code
 * WindowWriter w = new WindowWriter(metrics, runDir, carriers::backlog, startEpochMillis);
 * every window: w.closeUpTo(clock.nowMillis());
 * at the end:   List<RunSummary.Storm> storms = w.finish(endMillis, triggers);
 * }</pre>
 */
public final class WindowWriter implements AutoCloseable {
    private static final int IN_STORM_COLUMN = TimeSeriesColumns.header().indexOf(TimeSeriesColumns.IN_STORM);

    private final RunMetrics metrics;
    private final Path dir;
    private final ToIntFunction<Channel> backlog;
    private final StormDetector storms;
    private final BufferedWriter csv;
    private final Map<Channel, Log> deliveryLogs = new EnumMap<>(Channel.class);
    private final Log timeToSignInLog;
    private final Log httpSendLog;
    private final Log httpVerifyLog;
    private final List<StormDetector.Sample> closed = new ArrayList<>();
    private final List<String> rows = new ArrayList<>();
    private int streak;

    /** One HdrHistogram interval log. */
    private static final class Log {
        final PrintStream stream;
        final HistogramLogWriter writer;

        Log(Path file, String comment, long startEpochMillis) throws IOException {
            this.stream = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8);
            this.writer = new HistogramLogWriter(stream);
            writer.outputComment(comment);
            writer.outputLogFormatVersion();
            writer.outputStartTime(startEpochMillis);
            writer.outputLegend();
        }

        void write(long startMillis, long endMillis, Histogram interval) {
            writer.outputIntervalHistogram(startMillis / 1000.0, endMillis / 1000.0, interval, 1.0);
        }
    }

    /**
     * @param runDir           where to write, or null to keep samples only
     * @param backlog          messages waiting in a channel's carriers now
     * @param startEpochMillis the logs' start time (the run's wall-clock start; 0 keeps virtual-time
     *                         runs byte-identical)
     */
    public WindowWriter(RunMetrics metrics, Path runDir, ToIntFunction<Channel> backlog, long startEpochMillis) {
        this.metrics = metrics;
        this.dir = runDir;
        this.backlog = backlog;
        this.storms = new StormDetector(metrics.spec());
        if (runDir == null) {
            csv = null;
            timeToSignInLog = httpSendLog = httpVerifyLog = null;
            return;
        }
        try {
            Files.createDirectories(runDir.resolve("hdr"));
            csv = Files.newBufferedWriter(runDir.resolve("timeseries.csv"));
            csv.write(String.join(",", TimeSeriesColumns.header()));
            csv.newLine();
            for (Channel c : metrics.channels()) {
                deliveryLogs.put(c, new Log(runDir.resolve("hdr/delivery-" + c.id() + ".hlog"),
                        "otpsim delivery latency, channel " + c.id() + ", simulated ms; timestamps simulated s",
                        startEpochMillis));
            }
            timeToSignInLog = new Log(runDir.resolve("hdr/time-to-sign-in.hlog"),
                    "otpsim time to sign in, simulated ms; timestamps simulated s", startEpochMillis);
            httpSendLog = new Log(runDir.resolve("hdr/http-send.hlog"),
                    "otpsim POST send latency from when due, real microseconds; timestamps simulated s",
                    startEpochMillis);
            httpVerifyLog = new Log(runDir.resolve("hdr/http-verify.hlog"),
                    "otpsim POST verify latency from when due, real microseconds; timestamps simulated s",
                    startEpochMillis);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run results under " + runDir, e);
        }
    }

    /** Closes every window that ended by {@code nowMillis} (simulated). */
    public void closeUpTo(long nowMillis) {
        int closeUntil = (int) (nowMillis / metrics.spec().windowMillis()); // windows [closed.size(), closeUntil)
        if (closeUntil <= closed.size()) {
            return;
        }
        for (int i = closed.size(); i < closeUntil; i++) {
            close(i);
        }
        flush();
    }

    /** Windows closed so far. */
    public int closedWindows() {
        return closed.size();
    }

    private void close(int index) {
        Map<Channel, Integer> now = new EnumMap<>(Channel.class);
        for (Channel c : metrics.channels()) {
            now.put(c, backlog.applyAsInt(c));
        }
        RunMetrics.WindowClose w = metrics.closeWindow(index, now, csv != null);
        StormDetector.Sample s = StormDetector.Sample.of(w.sample());
        closed.add(s);
        streak = storms.high(s) ? streak + 1 : 0;
        if (csv != null) {
            String row = TimeSeriesColumns.row(w.sample(), false);
            rows.add(row);
            long start = w.sample().startMillis();
            long end = w.sample().endMillis();
            w.deliveryInterval().forEach((c, h) -> deliveryLogs.get(c).write(start, end, h));
            timeToSignInLog.write(start, end, w.timeToSignIn());
            httpSendLog.write(start, end, w.httpSend());
            httpVerifyLog.write(start, end, w.httpVerify());
            writeLine(csv, streak >= metrics.spec().stormWindows() ? markStorm(row) : row);
        }
    }

    /**
     * Closes the remaining windows up to {@code endMillis}, detects storms over the whole series
     * and rewrites {@code timeseries.csv} with their final extent.
     */
    public List<RunSummary.Storm> finish(long endMillis, List<StormDetector.Trigger> triggers) {
        long w = metrics.spec().windowMillis();
        closeUpTo(((endMillis + w - 1) / w) * w);
        List<RunSummary.Storm> found = storms.detect(closed, triggers);
        if (csv == null) {
            return found;
        }
        boolean[] in = StormDetector.inStorm(closed, found);
        close();
        Path tmp = dir.resolve("timeseries.csv.tmp");
        try (BufferedWriter out = Files.newBufferedWriter(tmp)) {
            writeLine(out, String.join(",", TimeSeriesColumns.header()));
            for (int i = 0; i < rows.size(); i++) {
                writeLine(out, in[i] ? markStorm(rows.get(i)) : rows.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.move(tmp, dir.resolve("timeseries.csv"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** The storm detector's view of every window closed so far. */
    public List<StormDetector.Sample> windows() {
        return List.copyOf(closed);
    }

    private static String markStorm(String row) {
        String[] f = row.split(",", -1);
        f[IN_STORM_COLUMN] = "1";
        return String.join(",", f);
    }

    private static void writeLine(BufferedWriter out, String line) {
        try {
            out.write(line);
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flush() {
        if (csv == null) {
            return;
        }
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deliveryLogs.values().forEach(l -> l.stream.flush());
        timeToSignInLog.stream.flush();
        httpSendLog.stream.flush();
        httpVerifyLog.stream.flush();
    }

    @Override
    public void close() {
        if (csv == null) {
            return;
        }
        try {
            csv.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deliveryLogs.values().forEach(l -> l.stream.close());
        timeToSignInLog.stream.close();
        httpSendLog.stream.close();
        httpVerifyLog.stream.close();
    }
}
