package dev.otpsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.commons.util.GatlingVersion;
import io.gatling.commons.util.GatlingVersion$;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;

/**
 * A run never asks the network for Gatling's latest version, and so never prints "Gatling x.y.z
 * is available!". Every HTTP(S) connection this JVM opens through {@code java.net} is sent to a
 * local listener posing as a proxy, which records what it was asked for.
 */
class GatlingQuietTest {

    @Test
    void gatlingLearnsOfNoNewerReleaseAndOpensNoConnection() throws Exception {
        // Nothing persisted may keep Gatling quiet in this test's place: forget any earlier check.
        Preferences node = Preferences.userRoot().node("/io/gatling/latestVersion");
        node.removeNode();
        Preferences.userRoot().flush();

        List<String> asked = new CopyOnWriteArrayList<>();
        CountDownLatch markerSeen = new CountDownLatch(1);
        String[] props = {"https.proxyHost", "https.proxyPort", "http.proxyHost", "http.proxyPort"};
        String[] before = new String[props.length];
        try (ServerSocket proxy = new ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
            Thread accepting = new Thread(() -> record(proxy, asked, markerSeen), "fake-proxy");
            accepting.setDaemon(true);
            accepting.start();
            for (int i = 0; i < props.length; i++) {
                before[i] = System.getProperty(props[i]);
            }
            System.setProperty("https.proxyHost", "127.0.0.1");
            System.setProperty("https.proxyPort", Integer.toString(proxy.getLocalPort()));
            System.setProperty("http.proxyHost", "127.0.0.1");
            System.setProperty("http.proxyPort", Integer.toString(proxy.getLocalPort()));
            try {
                assertTrue(GatlingQuiet.settleLatestRelease(), "Gatling's internals moved: update GatlingQuiet");
                GatlingQuiet.silence();
                // What Gatling's runner reads before it prints "... is available!" (a network fetch if unset).
                scala.Option<GatlingVersion> latest = GatlingVersion$.MODULE$.LatestRelease();
                assertTrue(latest.isEmpty() || latest.get().fullVersion()
                        .equals(GatlingVersion$.MODULE$.ThisVersion().fullVersion()), latest::toString);
            } finally {
                for (int i = 0; i < props.length; i++) {
                    if (before[i] == null) {
                        System.clearProperty(props[i]);
                    } else {
                        System.setProperty(props[i], before[i]);
                    }
                }
            }
            // A marker connection: connections are accepted in order, so once it is seen any
            // connection Gatling opened before it has been recorded too.
            try (Socket marker = new Socket(InetAddress.getLoopbackAddress(), proxy.getLocalPort())) {
                marker.getOutputStream().write("MARKER\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                marker.getOutputStream().flush();
                assertTrue(markerSeen.await(60, TimeUnit.SECONDS), "the marker never arrived");
            }
            assertEquals(List.of("MARKER"), asked, "connections opened: " + asked);
        }
    }

    /** Records the first line of each connection (a proxy's CONNECT host:port, or the marker). */
    private static void record(ServerSocket proxy, List<String> asked, CountDownLatch markerSeen) {
        while (!proxy.isClosed()) {
            try (Socket s = proxy.accept()) {
                s.setSoTimeout(5_000);
                InputStream in = s.getInputStream();
                StringBuilder line = new StringBuilder();
                for (int c = in.read(); c >= 0 && c != '\r' && c != '\n'; c = in.read()) {
                    line.append((char) c);
                }
                asked.add(line.toString());
                if (line.toString().equals("MARKER")) {
                    markerSeen.countDown();
                }
            } catch (IOException e) {
                if (!proxy.isClosed()) {
                    asked.add("unreadable connection: " + e.getMessage());
                }
            }
        }
    }
}
