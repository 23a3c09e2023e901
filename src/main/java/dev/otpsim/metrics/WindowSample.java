package dev.otpsim.metrics;

import dev.otpsim.handset.Channel;
import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One metrics window's figures (simulated time), as {@link RunMetrics#closeWindow} hands them
 * out: counts by what happened in the window, and per channel the carrier backlog when it closed,
 * deliveries and their latencies. Immutable once made, and mergeable: the same window of runs
 * split over several processes adds up ({@link #merge}).
 *
 * @param delivery per channel in play, latencies (simulated ms) of copies that became visible in the window
 */
public record WindowSample(long startMillis, long endMillis, long journeysStarted, long journeysEnded,
                           long successes, long sends, long firstSends, long submissions, long staleSubmissions,
                           long lockouts, Map<Channel, Integer> backlog, Map<Channel, Histogram> delivery) {

    public long retrySends() {
        return sends - firstSends;
    }

    /** Non-first sends / sends in the window (0 when there were none). */
    public double retryRatio() {
        return sends == 0 ? 0.0 : (double) retrySends() / sends;
    }

    /** Sends per journey started in the window (0 when none started). */
    public double sendAmplification() {
        return journeysStarted == 0 ? 0.0 : (double) sends / journeysStarted;
    }

    public int backlog(Channel c) {
        return backlog.getOrDefault(c, 0);
    }

    public int totalBacklog() {
        return backlog.values().stream().mapToInt(Integer::intValue).sum();
    }

    public long delivered(Channel c) {
        Histogram h = delivery.get(c);
        return h == null ? 0 : h.getTotalCount();
    }

    /** p95 delivery latency on {@code c} in this window, 0 when nothing was delivered. */
    public long deliveryP95(Channel c) {
        Histogram h = delivery.get(c);
        return h == null || h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(95);
    }

    public long maxDeliveryP95() {
        long max = 0;
        for (Channel c : delivery.keySet()) {
            max = Math.max(max, deliveryP95(c));
        }
        return max;
    }

    /** The same window of another shard of the run, added in (backlogs add: shards own separate carriers). */
    public WindowSample merge(WindowSample o) {
        if (o.startMillis != startMillis || o.endMillis != endMillis) {
            throw new IllegalArgumentException("windows differ: " + startMillis + ".." + endMillis + " and "
                    + o.startMillis + ".." + o.endMillis);
        }
        Map<Channel, Integer> b = new EnumMap<>(Channel.class);
        Map<Channel, Histogram> d = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) {
            if (backlog.containsKey(c) || o.backlog.containsKey(c)) {
                b.put(c, backlog(c) + o.backlog(c));
            }
            if (delivery.containsKey(c) || o.delivery.containsKey(c)) {
                Histogram h = new Histogram(RunMetrics.WINDOW_DIGITS);
                if (delivery.containsKey(c)) {
                    h.add(delivery.get(c));
                }
                if (o.delivery.containsKey(c)) {
                    h.add(o.delivery.get(c));
                }
                d.put(c, h);
            }
        }
        return new WindowSample(startMillis, endMillis, journeysStarted + o.journeysStarted,
                journeysEnded + o.journeysEnded, successes + o.successes, sends + o.sends, firstSends + o.firstSends,
                submissions + o.submissions, staleSubmissions + o.staleSubmissions, lockouts + o.lockouts, b, d);
    }
}
