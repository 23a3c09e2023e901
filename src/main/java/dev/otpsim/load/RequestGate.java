package dev.otpsim.load;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@link #LIMIT} requests of a run in flight at once. Gatling's shared connection pool
 * opens a new connection whenever none is idle, so when answers slow down (a busy machine, a
 * target in trouble) every late request opens another: measured, 1,014 open file descriptors at
 * 500 journeys/s with answers a second late, each connection costing a pipeline set-up that made
 * answers later still — the harness collapsing on itself. Past the limit a request waits (its lag
 * is counted from when it was due, like any other), and the connections stay a bounded, reused set.
 *
 * <pre>{@code
 * if (gate.tryEnter()) { send; ...; gate.leave(); } else { pause, try again }
 * }</pre>
 */
final class RequestGate {
    /**
     * Healthy runs need far fewer: 2,000 journeys/s × 2 requests × 2 ms = 8 in flight. Each
     * connection to the embedded target is two descriptors in this process (both ends), and
     * Gatling keeps more connections than places: over capacity (3,000/s from a cold JVM) 168
     * connections, 340 sockets, were open at this limit and 234 descriptors in all at 24 — about
     * 3.5 connections per place (docs/performance.md). Against an external target answering in
     * 50 ms it allows ~960 requests/s, which a lower limit would halve.
     */
    static final int LIMIT = 48;
    /** A waiting request looks again after 1 ms, then 2, 4, up to this. */
    static final long MAX_WAIT_MILLIS = 8;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final int limit;

    RequestGate() {
        this(LIMIT);
    }

    RequestGate(int limit) {
        this.limit = limit;
    }

    /** Takes a place if one is free. */
    boolean tryEnter() {
        while (true) {
            int n = inFlight.get();
            if (n >= limit) {
                return false;
            }
            if (inFlight.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives the place back once the answer (or the failure) is in. */
    void leave() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }
}
