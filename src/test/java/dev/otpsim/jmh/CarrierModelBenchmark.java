package dev.otpsim.jmh;

import com.typesafe.config.ConfigFactory;
import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.carrier.CarrierModel;
import dev.otpsim.carrier.CarrierSpec;
import dev.otpsim.carrier.CarrierSpecs;
import dev.otpsim.carrier.Decision;
import dev.otpsim.handset.Channel;
import dev.otpsim.config.Problems;
import dev.otpsim.config.Section;
import java.util.Map;
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
 * The fault model's decision path: {@link CarrierModel#decide} for one message after another, as
 * a carrier takes them — no clock, no scheduling, no delivery. Goal (issue 13): ≥ 10 M decisions/s.
 *
 * <p>Run (docs/performance.md): {@code mvn -B -q test-compile exec:exec -Dexec.executable=java
 * -Dexec.classpathScope=test -Dexec.args="-cp %classpath org.openjdk.jmh.Main CarrierModelBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CarrierModelBenchmark {
    /** Carrier specs as scenarios write them (scenarios/profiles/carriers.conf). */
    static final Map<String, String> SPECS = Map.of(
            "perfect", "",
            "sms-healthy", """
                    delay { type = pareto, scale = 2852ms, shape = 2.05, cap = 2m }
                    loss { probability = 0.002 }
                    duplicate { probability = 0.002, extra-delay { type = exponential, mean = 30s } }
                    """,
            "sms-congested", """
                    delay { type = pareto, scale = 2852ms, shape = 2.05, cap = 2m }
                    loss { probability = 0.002 }
                    duplicate { probability = 0.002, extra-delay { type = exponential, mean = 30s } }
                    capacity { rate = 10, queue-limit = 3000 }
                    """);

    /** Distinct recipients the messages cycle through (a run's people). */
    static final int PEOPLE = 4096;

    @Param({"sms-healthy", "perfect", "sms-congested"})
    public String carrier;

    private CarrierModel model;
    private CarrierMessage[] messages;
    private int next;
    private long nth;

    /** The spec for a named carrier, read the way a scenario's is. */
    static CarrierSpec spec(String name) {
        Problems problems = new Problems();
        Section root = Section.root(ConfigFactory.parseString("carriers.sms {" + SPECS.get(name) + "}"), problems);
        Map<Channel, CarrierSpec> specs = CarrierSpecs.read(root.section("carriers"));
        problems.throwIfAny();
        return specs.get(Channel.SMS);
    }

    @Setup(Level.Iteration)
    public void setUp() {
        model = new CarrierModel(Channel.SMS, spec(carrier), 42, 0);
        messages = new CarrierMessage[PEOPLE];
        for (int i = 0; i < PEOPLE; i++) {
            messages[i] = new CarrierMessage(i + 1, Channel.SMS, "+1555" + String.format("%07d", i), "123456", 0, 1, 1);
        }
        next = 0;
        nth = 0;
    }

    /** One decision; the issue time advances 1 ms a message (1,000 msg/s simulated), as the capacity queue expects. */
    @Benchmark
    public Decision decide() {
        CarrierMessage m = messages[next];
        next = (next + 1) & (PEOPLE - 1);
        long k = ++nth;
        return model.decide(new CarrierMessage(k, m.channel(), m.to(), m.code(), k, k / PEOPLE + 1, 1));
    }
}
