package dev.otpsim.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import dev.otpsim.carrier.gateway.GatewaySpec;
import dev.otpsim.config.Limits;
import dev.otpsim.config.Problems;
import dev.otpsim.person.LoadProfile;
import dev.otpsim.metrics.MetricsSpec;
import dev.otpsim.person.Population;
import dev.otpsim.target.external.ExternalTarget;
import java.util.Locale;
import java.util.Set;

/**
 * Whether one machine can run a valid scenario to the end: journeys, metrics windows, real
 * length and the ports it listens on, against {@link Limits}. Each file here validated before and
 * then broke {@code run} (an OutOfMemoryError, 1.37 million time-series rows, "Address already in
 * use"); now {@code validate} says so, with the key to change.
 *
 * <pre>{@code
 * RunBounds.check(config, problems, timeScale, load, metrics, people, gateway, external, engine);
 * }</pre>
 */
final class RunBounds {
    private RunBounds() {
    }

    /** Host names that mean this machine without a name lookup (validation sends nothing). */
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0");

    static void check(Config config, Problems problems, double timeScale, LoadProfile load, MetricsSpec metrics,
                      Population people, GatewaySpec gateway, ExternalTarget external, EngineChoice engine) {
        double journeys = load.expectedJourneys();
        if (journeys > Limits.MAX_JOURNEYS) {
            problems.add(origin(config, "load"), "load", String.format(Locale.ROOT,
                    "would start about %s journeys (the rate over the duration); one run starts at most %,d: "
                            + "lower the rate or the duration", count(journeys), Limits.MAX_JOURNEYS));
        }
        long longestJourney = people.longestGiveUpMillis();
        // Journeys that start at the end of the load may run until their person gives up.
        double runMillis = (double) load.durationMillis() + longestJourney;
        double windows = Math.ceil(runMillis / metrics.windowMillis());
        if (windows > Limits.MAX_WINDOWS) {
            String key = config.hasPath("metrics.window") ? "metrics.window" : "load";
            problems.add(origin(config, key), key, String.format(Locale.ROOT,
                    "the run lasts %s (the load's %s plus the longest give-up-after, %s): %s metrics windows of %s, "
                            + "at most %,d (one timeseries.csv row each); make metrics.window at least %s or the run shorter",
                    duration(runMillis), duration(load.durationMillis()), duration(longestJourney), count(windows),
                    duration(metrics.windowMillis()), Limits.MAX_WINDOWS,
                    duration(Math.ceil(runMillis / Limits.MAX_WINDOWS))));
        }
        double realMillis = runMillis / timeScale;
        // Virtual time takes no real time per simulated second: only a scaled-real-time run is bounded so.
        if (engine != EngineChoice.VIRTUAL && realMillis > Limits.MAX_REAL_RUN.toMillis()) {
            String key = config.hasPath("time-scale") ? "time-scale" : "load";
            problems.add(origin(config, key), key, String.format(Locale.ROOT,
                    "the run would take %s of real time (%s simulated at time-scale %s); at most %s: "
                            + "raise time-scale or shorten the run", duration(realMillis), duration(runMillis),
                    number(timeScale), duration(Limits.MAX_REAL_RUN.toMillis())));
        }
        if (external != null) {
            int port = external.baseUrl().getPort() > 0 ? external.baseUrl().getPort()
                    : "https".equalsIgnoreCase(external.baseUrl().getScheme()) ? 443 : 80;
            String host = external.baseUrl().getHost();
            if (host != null && sameMachine(host, gateway.host())
                    && (port == gateway.port() || port == gateway.smtpPort())) {
                String key = "target.external.base-url";
                problems.add(origin(config, key), key, "port " + port + " is also the gateway's "
                        + (port == gateway.port() ? "gateway.port" : "gateway.smtp-port")
                        + " on the same machine: the gateway would fail with \"Address already in use\" "
                        + "(or answer in the target's place); give them different ports");
            }
        }
    }

    /** Checks a scenario's name: it names the report folder, with a time after it. */
    static void checkName(Config config, Problems problems, String name) {
        if (name.length() > Limits.MAX_NAME_LENGTH) {
            problems.add(origin(config, "name"), "name", String.format(Locale.ROOT,
                    "is %,d characters (\"%s...\"); at most %d, because it names the report folder",
                    name.length(), name.substring(0, 20), Limits.MAX_NAME_LENGTH));
        } else if (!name.matches("[A-Za-z0-9._-]+")) {
            problems.add(origin(config, "name"), "name",
                    "expected letters, digits, '.', '_' or '-' (it names the report folder), got \"" + name + "\"");
        }
    }

    private static ConfigOrigin origin(Config config, String path) {
        try {
            if (config.hasPathOrNull(path)) {
                return config.getValue(path).origin();
            }
        } catch (ConfigException e) {
            // a path through a non-object: the scenario's own origin will do
        }
        return config.origin();
    }

    private static boolean sameMachine(String a, String b) {
        return a.equalsIgnoreCase(b) || LOOPBACK.contains(a.toLowerCase(Locale.ROOT)) && LOOPBACK.contains(b.toLowerCase(Locale.ROOT))
                || a.startsWith("127.") && b.startsWith("127.");
    }

    private static String count(double n) {
        return n >= 1e12 ? String.format(Locale.ROOT, "%.1e", n) : String.format(Locale.ROOT, "%,.0f", n);
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** A duration for people, in days when it is long (simulated or real as the caller says). */
    private static String duration(double millis) {
        if (millis >= 2 * 86_400_000.0) {
            double days = millis / 86_400_000.0;
            return (days >= 1e6 ? String.format(Locale.ROOT, "%.1e", days) : String.format(Locale.ROOT, "%,.0f", days)) + " days";
        }
        return dev.otpsim.distribution.Durations.show(millis);
    }
}
