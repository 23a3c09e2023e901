package dev.otpsim.load;

import java.lang.reflect.Field;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Keeps Gatling from asking Maven Central for its latest version and from printing
 * "Gatling x.y.z is available!": load tests run offline and in CI, a run must not phone home,
 * and a version notice in the middle of otpsim's output only confuses.
 *
 * <pre>{@code
 * GatlingQuiet.silence();   // before io.gatling.app.Gatling.fromArgs(...)
 * }</pre>
 *
 * <p>Gatling 3.16 looks the latest release up once per JVM ({@code GatlingVersion.LatestRelease},
 * a lazy value) when a run starts, over the network unless its "last check" in the user
 * preferences is recent — and "recent" is 3.6 s after a failed check or 86 s after a successful
 * one (it stores seconds where it reads milliseconds), so a persisted check does not keep it quiet
 * on a busy machine where Gatling takes longer than that to start. otpsim therefore settles the
 * lazy value itself: "no newer release known", with no network and no preferences touched. Should
 * a later Gatling rename what this sets, it falls back to recording a successful check that found
 * this very version.
 */
public final class GatlingQuiet {
    private static final String NODE = "/io/gatling/latestVersion";
    private static final String VERSION_OBJECT = "io.gatling.commons.util.GatlingVersion$";

    private GatlingQuiet() {
    }

    /** Call before Gatling runs in this JVM; harmless to call again. */
    public static void silence() {
        if (!settleLatestRelease()) {
            io.gatling.commons.util.GatlingVersion v = io.gatling.commons.util.GatlingVersion$.MODULE$.ThisVersion();
            recordCheck(v.fullVersion(), v.releaseDate());
        }
    }

    /**
     * Sets Gatling's once-per-JVM "latest release" to none, as its own lazy initialisation would
     * (under the same lock), unless it was already computed.
     *
     * @return false when Gatling's internals are not as expected (the fallback then applies)
     */
    static boolean settleLatestRelease() {
        try {
            Class<?> c = Class.forName(VERSION_OBJECT);
            Object module = c.getField("MODULE$").get(null);
            Field latest = c.getDeclaredField("LatestRelease");
            Field computed = c.getDeclaredField("bitmap$0");
            latest.setAccessible(true);
            computed.setAccessible(true);
            synchronized (module) { // the lock Scala's lazy initialisation takes
                if (!computed.getBoolean(null)) {
                    latest.set(null, scala.Option.empty());
                    computed.setBoolean(null, true);
                }
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** A successful check, now, that found {@code version}: Gatling then has nothing to announce. */
    static void recordCheck(String version, java.time.ZonedDateTime releaseDate) {
        try {
            Preferences p = Preferences.userRoot().node(NODE);
            p.putLong("lastCheckTimestamp", System.currentTimeMillis());
            p.putBoolean("lastCheckSuccess", true); // read as a boolean: a number here reads as "failed"
            p.put("latestReleaseNumber", version);
            // Gatling reads the date back with the pattern "yyyyMMddHHmmss z".
            p.put("latestReleaseDate", releaseDate.withZoneSameInstant(java.time.ZoneOffset.UTC)
                    .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss z")));
            p.flush();
        } catch (BackingStoreException | SecurityException e) {
            // Nothing more to do: Gatling then checks as usual.
        }
    }
}
