package dev.otpsim.load;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Keeps Gatling from asking Maven Central for its latest version on every run: load tests run
 * offline and in CI, and a version notice in the middle of otpsim's output only confuses.
 * Gatling skips the check while its persisted "last check" is recent; otpsim records one.
 */
public final class GatlingQuiet {
    private static final String NODE = "/io/gatling/latestVersion";

    private GatlingQuiet() {
    }

    public static void skipVersionCheck(String thisVersion) {
        try {
            Preferences p = Preferences.userRoot().node(NODE);
            long now = System.currentTimeMillis();
            p.putLong("lastCheckTimestamp", now);
            p.putLong("lastCheckSuccess", now); // the time of the last successful check
            p.put("latestReleaseNumber", thisVersion);
            // Gatling reads the date back with the pattern "yyyyMMddHHmmss z".
            p.put("latestReleaseDate", java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)
                    .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss z")));
            p.flush();
        } catch (BackingStoreException | SecurityException e) {
            // Nothing lost: Gatling then checks as usual.
        }
    }
}
