package dev.otpsim.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.carrier.CarrierSpec;
import dev.otpsim.carrier.Carriers;
import dev.otpsim.carrier.DeliveryEvents;
import dev.otpsim.carrier.gateway.CarrierGateway;
import dev.otpsim.carrier.gateway.GatewaySpec;
import dev.otpsim.carrier.gateway.RecipientPolicy;
import dev.otpsim.clock.ManualClock;
import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handsets;
import dev.otpsim.target.OtpService;
import dev.otpsim.target.TargetPolicy;
import dev.otpsim.target.TargetServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both HTTP servers (the reference target and the carrier gateway's HTTP side) against clients
 * that stall or hang up half-way: others are still served, and nothing is left behind.
 */
class ServersUnderAttackTest {
    /** Only guards against hanging: the measured figure is printed, and stated in the README. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final long HEAP_SLACK_BYTES = 64L << 20;

    /** A started server, the path hostile clients ask for, and a normal request to it. */
    private interface Running extends AutoCloseable {
        InetSocketAddress address();

        String path();

        /** Sends one well-formed request and returns its status. */
        int normalRequest() throws IOException, InterruptedException;

        @Override
        void close();
    }

    enum Server {
        TARGET {
            @Override
            Running start() throws IOException {
                OtpService service = new OtpService(TargetPolicy.defaults(), new ManualClock(),
                        (channel, to, body) -> true, new SecureRandom());
                TargetServer server = new TargetServer(service, "127.0.0.1", 0).start();
                AtomicInteger people = new AtomicInteger();
                return new Running() {
                    public InetSocketAddress address() {
                        return new InetSocketAddress("127.0.0.1", server.port());
                    }

                    public String path() {
                        return "/otp/send";
                    }

                    public int normalRequest() throws IOException, InterruptedException {
                        return post(server.baseUri().resolve("/otp/send"),
                                "{\"user\":\"u-" + people.incrementAndGet() + "\",\"channel\":\"sms\"}");
                    }

                    public void close() {
                        server.close();
                    }
                };
            }
        },
        GATEWAY {
            @Override
            Running start() throws IOException {
                ManualClock clock = new ManualClock();
                Handsets handsets = new Handsets();
                DeliveryEvents events = new DeliveryEvents() {
                };
                Carriers carriers = Carriers.start(Map.<Channel, CarrierSpec>of(), 1L, clock, handsets, events);
                CarrierGateway gateway = CarrierGateway.start(GatewaySpec.DEFAULTS, clock, handsets,
                        RecipientPolicy.REGISTER_ANY, events, carriers::submit);
                AtomicInteger people = new AtomicInteger();
                return new Running() {
                    public InetSocketAddress address() {
                        return new InetSocketAddress("127.0.0.1", gateway.httpPort());
                    }

                    public String path() {
                        return "/messages";
                    }

                    public int normalRequest() throws IOException, InterruptedException {
                        return post(URI.create(gateway.httpUri() + "/messages"), "{\"channel\":\"sms\",\"to\":\"+1555"
                                + people.incrementAndGet() + "\",\"body\":\"Your code is 482913\"}");
                    }

                    public void close() {
                        gateway.close();
                        carriers.close();
                    }
                };
            }
        };

        abstract Running start() throws IOException;
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CLIENT_TIMEOUT).build();

    private static int post(URI uri, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(CLIENT_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void aNormalRequestIsAnsweredWhileFiftyConnectionsOfEachStallingKindAreOpen(Server kind) throws Exception {
        try (Running server = kind.start(); HostileClients hostile = new HostileClients(server.address(), server.path())) {
            assertEquals(202, server.normalRequest(), "warm-up");
            long fds = OpenFiles.count();
            long heap = OpenFiles.heapAfterGc();
            for (HostileClients.Stall stall : HostileClients.Stall.values()) {
                hostile.open(stall, 50);
            }

            long start = System.nanoTime();
            int status = server.normalRequest();
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("%s: a normal request with %d stalled connections open answered %d in %d ms%n",
                    kind, hostile.sockets().size(), status, millis);
            assertEquals(202, status);

            hostile.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> OpenFiles.count() <= fds + OpenFiles.MARGIN);
            assertTrue(OpenFiles.heapAfterGc() <= heap + HEAP_SLACK_BYTES, "heap came back down");
        }
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void connectionsClosedHalfWayLeaveNoFileDescriptorBehind(Server kind) throws Exception {
        try (Running server = kind.start(); HostileClients hostile = new HostileClients(server.address(), server.path())) {
            assertEquals(202, server.normalRequest(), "warm-up");
            long fds = OpenFiles.count();
            for (HostileClients.Stall stall : HostileClients.Stall.values()) {
                hostile.openAndClose(stall, 600);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> OpenFiles.count() <= fds + OpenFiles.MARGIN);
            assertEquals(202, server.normalRequest(), "still serving");
        }
    }
}
