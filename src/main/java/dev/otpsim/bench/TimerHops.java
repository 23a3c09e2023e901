package dev.otpsim.bench;

import akka.actor.AbstractActor;
import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.actor.Props;
import dev.otpsim.carrier.CarrierSystem;
import dev.otpsim.carrier.CarrierTimer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Where the carrier timer's tail comes from: the same paced load as {@link TimerBench} (a due
 * instant 100 ms after each message, 2,000 a second, a warm-up not counted), stopped after each
 * hop of a delivery's way. Every run has its own timer and, for the actor hops, its own actor
 * system; the hops take turns run by run, so none gets all the youngest JVM's runs.
 *
 * <ol>
 *   <li>{@code timer}: the {@link CarrierTimer} task starts;</li>
 *   <li>{@code timer → actor}: the task tells an Akka classic actor (the carriers' settings) and
 *       the actor receives it;</li>
 *   <li>{@code timer → actor, with submissions}: as 2, while the pacing thread also tells the same
 *       actor one message per due one — a carrier's mailbox takes submissions and due deliveries.</li>
 * </ol>
 * The full carrier path (decision, handset write, delivery event) is {@link TimerBench}.
 *
 * <pre>{@code
 * java -cp target/otpsim.jar dev.otpsim.bench.TimerHops 6000 4   # messages per run, runs per hop
 * }</pre>
 */
public final class TimerHops {
    private static final double PER_SECOND = 2_000;
    private static final long DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /**
     * One hop's lateness in one run, in ms real.
     *
     * @param counted       due messages measured (the warm-up's are not)
     * @param firstCounted  index of the first measured message (the warm-up's are 0 to warm-up − 1)
     * @param lastCounted   index of the last measured message
     * @param receivedOn    the threads the measured messages arrived on, by name
     */
    record Lateness(String hop, int counted, int firstCounted, int lastCounted, java.util.Set<String> receivedOn,
                    double p50, double p99, double max) {
    }

    enum Hop {
        TIMER("timer"), ACTOR("timer → actor"), ACTOR_WITH_SUBMISSIONS("timer → actor, with submissions");

        final String label;

        Hop(String label) {
            this.label = label;
        }
    }

    private TimerHops() {
    }

    /** Paces {@code warmUp + messages} due instants and measures how late {@code hop} reaches each. */
    static Lateness measure(Hop hop, int warmUp, int messages) throws InterruptedException {
        Tally lateMicros = new Tally();
        CountDownLatch done = new CountDownLatch(warmUp + messages);
        ActorSystem system = hop == Hop.TIMER ? null : CarrierSystem.create("otpsim-timer-hops");
        try (CarrierTimer timer = new CarrierTimer()) {
            ActorRef actor = system == null ? null : system.actorOf(Props.create(Receiver.class,
                    () -> new Receiver(lateMicros, done)));
            long start = System.nanoTime();
            for (int i = 0; i < warmUp + messages; i++) {
                long at = start + (long) (i * 1e9 / PER_SECOND);
                long wait = at - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (hop == Hop.ACTOR_WITH_SUBMISSIONS) {
                    actor.tell(Submission.INSTANCE, ActorRef.noSender());
                }
                Due due = new Due(i, System.nanoTime() + DELAY_NANOS, i >= warmUp);
                Runnable task = actor == null ? () -> record(lateMicros, done, due)
                        : () -> actor.tell(due, ActorRef.noSender());
                timer.schedule(due.atNanos() - System.nanoTime(), task);
            }
            if (!done.await(DELAY_NANOS + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException(hop.label + ": " + done.getCount() + " due messages never arrived");
            }
        } finally {
            if (system != null) {
                terminate(system);
            }
        }
        return lateMicros.lateness(hop.label);
    }

    /** The next run must not measure while this one's dispatcher threads are still winding down. */
    private static void terminate(ActorSystem system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the hop's actor system did not stop within 10 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void record(Tally tally, CountDownLatch done, Due due) {
        long late = System.nanoTime() - due.atNanos();
        if (due.counted()) {
            tally.add(due.index(), Math.max(0, late) / 1_000);
        }
        done.countDown();
    }

    private record Due(int index, long atNanos, boolean counted) {
    }

    /** Lateness in µs, and which messages on which threads it was taken from. */
    private static final class Tally {
        private final Histogram lateMicros = new Histogram(3);
        private final java.util.Set<String> threads = new java.util.TreeSet<>();
        private int first = Integer.MAX_VALUE;
        private int last = -1;

        synchronized void add(int index, long micros) {
            lateMicros.recordValue(micros);
            threads.add(Thread.currentThread().getName());
            first = Math.min(first, index);
            last = Math.max(last, index);
        }

        synchronized Lateness lateness(String hop) {
            return new Lateness(hop, (int) lateMicros.getTotalCount(), first, last, java.util.Set.copyOf(threads),
                    lateMicros.getValueAtPercentile(50) / 1000.0, lateMicros.getValueAtPercentile(99) / 1000.0,
                    lateMicros.getMaxValue() / 1000.0);
        }
    }

    private enum Submission { INSTANCE }

    static final class Receiver extends AbstractActor {
        private final Tally lateMicros;
        private final CountDownLatch done;

        Receiver(Tally lateMicros, CountDownLatch done) {
            this.lateMicros = lateMicros;
            this.done = done;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(Due.class, d -> record(lateMicros, done, d))
                    .match(Submission.class, s -> { })
                    .build();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 6_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        System.out.printf(Locale.ROOT, "%d messages at %.0f/s, %d ms after submission, %d runs per hop, "
                + "load average %.2f%n", messages, PER_SECOND, DELAY_NANOS / 1_000_000, runs, Bench.loadAverage());
        Hop[] hops = Hop.values();
        List<List<Double>> p99s = new ArrayList<>();
        for (Hop hop : hops) {
            p99s.add(new ArrayList<>());
        }
        for (int r = 0; r < runs; r++) {
            for (Hop hop : hops) {
                Lateness l = measure(hop, TimerBench.WARMUP_MESSAGES, messages);
                p99s.get(hop.ordinal()).add(l.p99());
                System.out.printf(Locale.ROOT, "  run %d  %-33s p50 %.2f  p99 %.2f  max %.2f ms (%d counted)%n", r + 1,
                        l.hop(), l.p50(), l.p99(), l.max(), l.counted());
            }
        }
        for (Hop hop : hops) {
            System.out.printf(Locale.ROOT, "%-33s median p99 %.2f ms of %d runs%n", hop.label,
                    Figure.of(p99s.get(hop.ordinal())).median(), runs);
        }
        System.out.printf(Locale.ROOT, "load average %.2f%n", Bench.loadAverage());
    }
}
