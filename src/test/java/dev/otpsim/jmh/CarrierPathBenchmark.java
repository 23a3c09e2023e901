package dev.otpsim.jmh;

import dev.otpsim.carrier.Carrier;
import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.carrier.CarrierModel;
import dev.otpsim.carrier.DeliveryEvents;
import dev.otpsim.clock.VirtualScheduler;
import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handset;
import dev.otpsim.handset.Handsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The carrier path end to end, in virtual time: {@link Carrier#submit} decides a message and
 * schedules its copies on a {@link VirtualScheduler}, which delivers them into the recipient's
 * handset (with the handset told when to expect them). Goal (issue 13): ≥ 500 k messages/s.
 *
 * <p>Each operation is one message: submitted, then the scheduler runs until every copy is
 * delivered. A person's handset is retired and a new one registered after four messages, as
 * journeys end and begin in a run: inboxes do not grow without end (which would benchmark the
 * garbage collector copying them).
 *
 * <p>Run (docs/performance.md): {@code mvn -B -q test-compile exec:exec -Dexec.executable=java
 * -Dexec.classpathScope=test -Dexec.args="-cp %classpath org.openjdk.jmh.Main CarrierPathBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CarrierPathBenchmark {
    @Param({"sms-healthy", "perfect"})
    public String carrier;

    private VirtualScheduler time;
    private Carrier sms;
    private Handsets handsets;
    private String[] people;
    private Handset[] phones;
    private int next;
    private long id;

    @Setup(Level.Iteration)
    public void setUp() {
        time = new VirtualScheduler();
        handsets = new Handsets();
        people = new String[CarrierModelBenchmark.PEOPLE];
        phones = new Handset[people.length];
        for (int i = 0; i < people.length; i++) {
            people[i] = "+1555" + String.format("%07d", i);
            phones[i] = handsets.register(people[i]);
        }
        sms = new Carrier(new CarrierModel(Channel.SMS, CarrierModelBenchmark.spec(carrier), 42, 0), time, handsets,
                DeliveryEvents.NONE);
        next = 0;
        id = 0;
    }

    @Benchmark
    public long submitAndDeliver() {
        int i = next;
        next = (next + 1) & (people.length - 1);
        long k = ++id;
        sms.submit(new CarrierMessage(k, Channel.SMS, people[i], "123456", time.nowMillis(), k / people.length + 1, 1));
        time.run();
        if (phones[i].count() >= 4) { // the journey is over; the next person at this address starts afresh
            handsets.retire(phones[i]);
            phones[i] = handsets.register(people[i]);
        }
        return time.eventsRun();
    }
}
