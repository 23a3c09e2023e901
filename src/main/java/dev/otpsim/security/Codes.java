package dev.otpsim.security;

import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.carrier.DeliveryEvents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every code that reached the carrier gateway, by recipient address: what a person would
 * receive, and what the flooding probe counts (a code at the gateway is a message paid for,
 * whatever the target answered).
 *
 * <pre>{@code
 * Codes codes = new Codes();               // the gateway's DeliveryEvents
 * codes.await("u-17", 1, deadlineNanos);   // true once the first code for u-17 arrived
 * codes.of("u-17");                        // ["482913"]
 * }</pre>
 */
final class Codes implements DeliveryEvents {
    private final Map<String, List<String>> byAddress = new HashMap<>();

    @Override
    public synchronized void issued(CarrierMessage m) {
        byAddress.computeIfAbsent(m.to(), k -> new ArrayList<>()).add(m.code());
        notifyAll();
    }

    /** The codes received for {@code address}, oldest first. */
    synchronized List<String> of(String address) {
        return List.copyOf(byAddress.getOrDefault(address, List.of()));
    }

    synchronized int count(String address) {
        return byAddress.getOrDefault(address, List.of()).size();
    }

    /** Waits until {@code address} has at least {@code count} codes, or {@code deadlineNanos} ({@link System#nanoTime()}) passes. */
    synchronized boolean await(String address, int count, long deadlineNanos) throws InterruptedException {
        while (count(address) < count) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /**
     * The number of codes for {@code address} once they stopped coming: waits for {@code atLeast}
     * (until {@code deadlineNanos}), then until none arrived for {@code quietNanos} — a target may
     * hand codes over after its answer, or send codes it answered as refused.
     */
    synchronized int settle(String address, int atLeast, long quietNanos, long deadlineNanos)
            throws InterruptedException {
        await(address, atLeast, deadlineNanos);
        int seen = count(address);
        long quietUntil = System.nanoTime() + quietNanos;
        while (true) {
            long left = Math.min(quietUntil, deadlineNanos) - System.nanoTime();
            if (left <= 0) {
                return count(address);
            }
            wait(Math.max(1, left / 1_000_000));
            if (count(address) != seen) {
                seen = count(address);
                quietUntil = System.nanoTime() + quietNanos;
            }
        }
    }
}
