package dev.otpsim.bench;

import akka.actor.AbstractActor;
import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.actor.Props;
import dev.otpsim.carrier.CarrierSystem;
import dev.otpsim.carrier.CarrierTimer;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Where the carrier timer's tail comes from: the same paced load as {@link TimerBench} (a due
 * instant 100 ms after each message, 2,000 a second, a warm-up not counted), stopped after each
 * hop of a delivery's way, each hop in its own actor system and timer.
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
    static final int WARMUP_MESSAGES = TimerBench.WARMUP_MESSAGES;
    private static final double PER_SECOND = 2_000;
    private static final long DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** One hop's lateness in one run, in ms real. */
    record Lateness(String hop, int counted, double p50, double p99, double max) {
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
        Histogram lateMicros = new Histogram(3);
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
                Due due = new Due(System.nanoTime() + DELAY_NANOS, i >= warmUp);
                Runnable task = actor == null ? () -> record(lateMicros, done, due)
                        : () -> actor.tell(due, ActorRef.noSender());
                timer.schedule(due.atNanos() - System.nanoTime(), task);
            }
            if (!done.await(DELAY_NANOS + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException(hop.label + ": " + done.getCount() + " due messages never arrived");
            }
        } finally {
            if (system != null) {
                system.terminate();
            }
        }
        synchronized (lateMicros) {
            return new Lateness(hop.label, (int) lateMicros.getTotalCount(),
                    lateMicros.getValueAtPercentile(50) / 1000.0, lateMicros.getValueAtPercentile(99) / 1000.0,
                    lateMicros.getMaxValue() / 1000.0);
        }
    }

    private static void record(Histogram lateMicros, CountDownLatch done, Due due) {
        long late = System.nanoTime() - due.atNanos();
        if (due.counted()) {
            synchronized (lateMicros) {
                lateMicros.recordValue(Math.max(0, late) / 1_000);
            }
        }
        done.countDown();
    }

    private record Due(long atNanos, boolean counted) {
    }

    private enum Submission { INSTANCE }

    static final class Receiver extends AbstractActor {
        private final Histogram lateMicros;
        private final CountDownLatch done;

        Receiver(Histogram lateMicros, CountDownLatch done) {
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

    private static double[] sortedCopy(double[] values) {
        double[] copy = values.clone();
        java.util.Arrays.sort(copy);
        return copy;
    }

    public static void main(String[] args) throws InterruptedException {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 6_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        System.out.printf(Locale.ROOT, "%d messages at %.0f/s, %d ms after submission, %d runs per hop, "
                + "load average %.2f%n", messages, PER_SECOND, DELAY_NANOS / 1_000_000, runs, Bench.loadAverage());
        for (Hop hop : Hop.values()) {
            double[] p99s = new double[runs];
            for (int r = 0; r < runs; r++) {
                Lateness l = measure(hop, WARMUP_MESSAGES, messages);
                p99s[r] = l.p99();
                System.out.printf(Locale.ROOT, "  %-33s p50 %.2f  p99 %.2f  max %.2f ms (%d counted)%n", l.hop(),
                        l.p50(), l.p99(), l.max(), l.counted());
            }
            System.out.printf(Locale.ROOT, "%-35s median p99 %.2f ms%n", hop.label, Stats.median(sortedCopy(p99s)));
        }
        System.out.printf(Locale.ROOT, "load average %.2f%n", Bench.loadAverage());
    }
}
