package dev.otpsim.carrier;

import akka.actor.ActorSystem;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * The Akka settings carriers need, and an {@link ActorSystem} made with them.
 *
 * <pre>{@code
 * ActorSystem system = CarrierSystem.create("otpsim");   // or merge CarrierSystem.config() into yours
 * }</pre>
 */
public final class CarrierSystem {
    /**
     * 1 ms scheduler ticks: Akka's default 10 ms would be 0.6 s of simulated time at time-scale 60.
     * Quiet logging: dead letters at shutdown (scheduled deliveries to stopped carriers) are expected.
     */
    public static final String SETTINGS = """
            akka {
              scheduler.tick-duration = 1ms
              loglevel = WARNING
              stdout-loglevel = WARNING
              log-dead-letters = off
              log-dead-letters-during-shutdown = off
              coordinated-shutdown.run-by-jvm-shutdown-hook = off
              jvm-shutdown-hooks = off
            }
            """;

    private CarrierSystem() {
    }

    /** {@link #SETTINGS} over the defaults of the classpath. */
    public static Config config() {
        return ConfigFactory.parseString(SETTINGS).withFallback(ConfigFactory.load());
    }

    public static ActorSystem create(String name) {
        return ActorSystem.create(name, config());
    }
}
