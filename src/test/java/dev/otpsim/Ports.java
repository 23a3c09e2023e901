package dev.otpsim;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The suite's one helper for ports. Servers a test starts itself bind port 0 and report the port
 * they got. A test that needs a port where connections are refused holds one with
 * {@link #refusing()}: race-free, nothing else can bind it while held.
 *
 * <p>{@link #unreservedFree()} closes its probe socket and hands the number on, which races:
 * between the close and the bind another process may take the port. It is used only for the
 * gateway of a run or probe against an external target, because the scenario loader requires
 * that port up front ({@code gateway.port = 0} is refused there: the user's service must be told
 * where to post codes) and the test's stand-in service must know it before the run starts.
 *
 * <pre>{@code
 * try (Ports.Refusing dead = Ports.refusing()) {
 *     run(scenario("http://127.0.0.1:" + dead.port()));   // every connection refused
 * }
 * }</pre>
 */
public final class Ports {
    private Ports() {
    }

    /**
     * A loopback port held by a socket that is bound but never listens: a connection to it is
     * refused, and no other socket can bind it (address reuse is off) until {@link Refusing#close()}.
     */
    public static Refusing refusing() throws IOException {
        Socket s = new Socket();
        s.setReuseAddress(false);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new Refusing(s);
    }

    /**
     * A loopback port free a moment ago, not held: <b>not race-free</b> (see the class comment).
     * Only for the gateway port a scenario with an external target must name.
     */
    public static int unreservedFree() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A port where connections are refused, for as long as it is held. */
    public static final class Refusing implements AutoCloseable {
        private final Socket socket;

        private Refusing(Socket socket) {
            this.socket = socket;
        }

        public int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
