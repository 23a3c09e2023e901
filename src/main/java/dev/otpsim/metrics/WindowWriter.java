package dev.otpsim.metrics;

import dev.otpsim.handset.Channel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * Closes metrics windows as simulated time passes and appends them to the run directory:
 * a {@code timeseries.csv} row per window and an interval histogram per window in each
 * {@code hdr/*.hlog}. Appending as it goes is what lets a killed run leave readable results.
 *
 * <p>Called from one thread (the run's ticker) only:
 * <pre>{@code
 * WindowWriter w = new WindowWriter(metrics, runDir, channels, carriers::backlog);
 * every window: w.closeUpTo(clock.nowMillis());
 * at the end:   w.finish(endMillis, triggers);
 * }</pre>
 */
public final class WindowWriter implements AutoCloseable {
    private final RunMetrics metrics;
    private final Path dir;
    private final Set<Channel> channels;
    private final ToIntFunction<Channel> backlog;
    private final BufferedWriter csv;
    private final Map<Channel, LogOut> deliveryLogs = new EnumMap<>(Channel.class);
    private final LogOut timeToSignInLog;
    private final LogOut httpSendLog;
    private final LogOut httpVerifyLog;
    private final List<StormDetector.Sample> closed = new ArrayList<>();
    private int streak;

    /** One interval log plus the running whole-run total of what went into it. */
    private static final class LogOut {
        final Recorder recorder;
        final HistogramLogWriter writer;
        final PrintStream stream;
        final Histogram total = new Histogram(3);
        Histogram interval;

        LogOut(Recorder recorder, Path file, String comment) throws IOException {
            this.recorder = recorder;
            this.stream = new PrintStream(Files.newOutputStream(file), false, java.nio.charset.StandardCharsets.UTF_8);
            this.writer = new HistogramLogWriter(stream);
            writer.outputComment(comment);
            writer.outputLogFormatVersion();
            writer.outputStartTime(System.currentTimeMillis());
            writer.outputLegend();
        }

        Histogram drain(long startMillis, long endMillis) {
            interval = recorder.getIntervalHistogram(interval);
            total.add(interval);
            writer.outputIntervalHistogram(startMillis / 1000.0, endMillis / 1000.0, interval, 1.0);
            return interval;
        }
    }

    public WindowWriter(RunMetrics metrics, Path runDir, Set<Channel> channels, ToIntFunction<Channel> backlog) {
        this.metrics = metrics;
        this.dir = runDir;
        this.channels = channels;
        this.backlog = backlog;
        try {
            Files.createDirectories(runDir.resolve("hdr"));
            csv = Files.newBufferedWriter(runDir.resolve("timeseries.csv"));
            csv.write(String.join(",", TimeSeriesColumns.header()));
            csv.newLine();
            for (Channel c : channels) {
                deliveryLogs.put(c, new LogOut(metrics.deliveryLatency[c.ordinal()],
                        runDir.resolve("hdr/delivery-" + c.id() + ".hlog"),
                        "otpsim delivery latency, channel " + c.id() + ", simulated ms; timestamps simulated s"));
            }
            timeToSignInLog = new LogOut(metrics.timeToSignIn, runDir.resolve("hdr/time-to-sign-in.hlog"),
                    "otpsim time to sign in, simulated ms; timestamps simulated s");
            httpSendLog = new LogOut(metrics.httpSend, runDir.resolve("hdr/http-send.hlog"),
                    "otpsim POST send latency from when due, real microseconds; timestamps simulated s");
            httpVerifyLog = new LogOut(metrics.httpVerify, runDir.resolve("hdr/http-verify.hlog"),
                    "otpsim POST verify latency from when due, real microseconds; timestamps simulated s");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run results under " + runDir, e);
        }
    }

    /** Closes every window that ended by {@code nowMillis} (simulated). */
    public void closeUpTo(long nowMillis) {
        int closeUntil = (int) (nowMillis / metrics.spec.windowMillis()); // windows [closed.size(), closeUntil)
        if (closeUntil <= closed.size()) {
            return;
        }
        for (int i = closed.size(); i < closeUntil; i++) {
            boolean last = i == closeUntil - 1;
            close(metrics.window(i * metrics.spec.windowMillis()), last);
        }
        flush();
    }

    private void close(Window w, boolean drain) {
        for (Channel c : Channel.values()) {
            int ci = c.ordinal();
            w.backlog[ci] = channels.contains(c) ? backlog.applyAsInt(c) : 0;
            LogOut log = deliveryLogs.get(c);
            // Recorders are drained once per call: earlier windows of a late call stay empty.
            Histogram h = log == null ? null : drain ? log.drain(w.startMillis, w.endMillis) : null;
            w.deliveryP95[ci] = h == null || h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(95);
        }
        if (drain) {
            timeToSignInLog.drain(w.startMillis, w.endMillis);
            httpSendLog.drain(w.startMillis, w.endMillis);
            httpVerifyLog.drain(w.startMillis, w.endMillis);
        }
        StormDetector.Sample s = sample(w);
        closed.add(s);
        streak = s.sends() >= metrics.spec.stormMinSends() && s.retryRatio() > metrics.spec.stormThreshold()
                ? streak + 1 : 0;
        writeRow(w, streak >= metrics.spec.stormWindows());
    }

    /**
     * Closes the remaining windows up to {@code endMillis}, detects storms over the whole series
     * and rewrites {@code timeseries.csv} with their final extent.
     */
    public List<RunSummary.Storm> finish(long endMillis, List<StormDetector.Trigger> triggers) {
        long w = metrics.spec.windowMillis();
        closeUpTo(((endMillis + w - 1) / w) * w);
        List<RunSummary.Storm> storms = new StormDetector(metrics.spec).detect(closed, triggers);
        boolean[] in = StormDetector.inStorm(closed, storms);
        close();
        Path tmp = dir.resolve("timeseries.csv.tmp");
        try (BufferedWriter out = Files.newBufferedWriter(tmp)) {
            out.write(String.join(",", TimeSeriesColumns.header()));
            out.newLine();
            for (int i = 0; i < closed.size(); i++) {
                out.write(row(metrics.window(i * w), in[i]));
                out.newLine();
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
        return storms;
    }

    public List<StormDetector.Sample> windows() {
        return List.copyOf(closed);
    }

    public Histogram deliveryTotal(Channel c) {
        LogOut l = deliveryLogs.get(c);
        return l == null ? new Histogram(3) : l.total;
    }

    public Histogram timeToSignInTotal() {
        return timeToSignInLog.total;
    }

    public Histogram httpSendTotalMicros() {
        return httpSendLog.total;
    }

    public Histogram httpVerifyTotalMicros() {
        return httpVerifyLog.total;
    }

    private StormDetector.Sample sample(Window w) {
        return new StormDetector.Sample(w.startMillis, w.endMillis, w.retryRatio(), w.sends.sum(), w.totalBacklog(),
                w.maxDeliveryP95());
    }

    private void writeRow(Window w, boolean inStorm) {
        try {
            csv.write(row(w, inStorm));
            csv.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String row(Window w, boolean inStorm) {
        StringBuilder b = new StringBuilder(160);
        long sends = w.sends.sum();
        long started = w.journeysStarted.sum();
        b.append(w.startMillis).append(',').append(w.endMillis).append(',')
                .append(started).append(',').append(w.journeysEnded.sum()).append(',')
                .append(w.successes.sum()).append(',').append(sends).append(',')
                .append(w.firstSends.sum()).append(',').append(w.retrySends()).append(',')
                .append(fmt(w.retryRatio())).append(',')
                .append(fmt(started == 0 ? 0.0 : (double) sends / started)).append(',')
                .append(w.submissions.sum()).append(',').append(w.staleSubmissions.sum()).append(',')
                .append(w.lockouts.sum()).append(',').append(inStorm ? 1 : 0);
        for (int c = 0; c < 3; c++) {
            b.append(',').append(w.backlog[c]);
        }
        for (int c = 0; c < 3; c++) {
            b.append(',').append(w.deliveryP95[c]);
        }
        for (int c = 0; c < 3; c++) {
            b.append(',').append(w.delivered[c].sum());
        }
        return b.toString();
    }

    static String fmt(double d) {
        return String.format(java.util.Locale.ROOT, "%.4f", d);
    }

    private void flush() {
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
