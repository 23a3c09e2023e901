package dev.otpsim.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording's CPU samples went ({@code jdk.ExecutionSample}): by thread (numbers folded,
 * so Gatling's event loops count as one), by top frame, and by the first otpsim frame on the
 * stack — the hot spots docs/performance.md names.
 *
 * <pre>
 * OTPSIM_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/bench.jfr,settings=profile" ./otpsim bench --rates 2000 ...
 * java -cp target/otpsim.jar dev.otpsim.bench.JfrTop /tmp/bench.jfr [rows] [from-s to-s]
 * </pre>
 * With {@code from-s to-s}, only samples that many seconds after the first one (e.g. one rung, or
 * the baseline): the bench prints each part's start, and the table its wall time.
 */
public final class JfrTop {
    private JfrTop() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JfrTop <recording.jfr> [rows] [from-seconds to-seconds]");
            System.exit(2);
        }
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Map<String, Integer> threads = new HashMap<>(), top = new HashMap<>(), ours = new HashMap<>(),
                packages = new HashMap<>();
        double from = args.length > 3 ? Double.parseDouble(args[2]) : Double.NEGATIVE_INFINITY;
        double to = args.length > 3 ? Double.parseDouble(args[3]) : Double.POSITIVE_INFINITY;
        List<RecordedEvent> samples = RecordingFile.readAllEvents(Path.of(args[0])).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample") && e.getStackTrace() != null)
                .sorted(java.util.Comparator.comparing(RecordedEvent::getStartTime)).toList();
        java.time.Instant first = samples.isEmpty() ? java.time.Instant.EPOCH : samples.get(0).getStartTime();
        int n = 0;
        for (RecordedEvent e : samples) {
            double at = java.time.Duration.between(first, e.getStartTime()).toNanos() / 1e9;
            if (at < from || at > to) {
                continue;
            }
            n++;
            String thread = e.getThread("sampledThread") == null ? "?"
                    : e.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("\\d+", "N"), 1, Integer::sum);
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            top.merge(name(frames.get(0)), 1, Integer::sum);
            packages.merge(packageOf(frames.get(0)), 1, Integer::sum);
            for (RecordedFrame f : frames) {
                if (f.getMethod().getType().getName().startsWith("dev.otpsim.")) {
                    ours.merge(name(f), 1, Integer::sum);
                    break;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d execution samples in %s%s (the recording's samples span %.1f s)%n", n,
                args[0], args.length > 3 ? " from " + from + " s to " + to + " s" : "", samples.isEmpty() ? 0
                        : java.time.Duration.between(first, samples.get(samples.size() - 1).getStartTime()).toNanos() / 1e9);
        print("by thread", threads, n, rows);
        print("by package of the top frame", packages, n, rows);
        print("by top frame", top, n, rows);
        print("by first otpsim frame on the stack", ours, n, rows);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** The first two or three parts of the class's package: io.netty.handler, dev.otpsim.ledger, java.util. */
    private static String packageOf(RecordedFrame f) {
        String[] parts = f.getMethod().getType().getName().split("\\.");
        int keep = parts.length > 3 && (parts[0].equals("io") || parts[0].equals("dev")) ? 3 : Math.min(2, parts.length - 1);
        return String.join(".", java.util.Arrays.copyOf(parts, Math.max(1, keep)));
    }

    private static void print(String title, Map<String, Integer> counts, int total, int rows) {
        System.out.println();
        System.out.println(title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(rows)
                .forEach(en -> System.out.printf(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * en.getValue() / total,
                        en.getKey()));
        if (counts.size() > rows) {
            System.out.printf(Locale.ROOT, "  (%d more)%n", counts.size() - rows);
        }
    }
}
