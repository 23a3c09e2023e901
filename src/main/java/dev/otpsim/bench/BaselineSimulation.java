package dev.otpsim.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.otpsim.target.ReferenceContract;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The plain-Gatling baseline: the same two requests per journey as an otpsim bench journey (send,
 * then verify with the code) and the same pause in real time (the reaction, from when the code is
 * there: otpsim's people no longer glance at the phone, they wake when it arrives), against the
 * same reference target — but no person model, no ledger, no carriers, no gateway: the target
 * hands its codes to an in-memory map the journey reads. Should a code not be there yet, the
 * journey looks again every {@code glance}.
 *
 * <p>Gatling instantiates the simulation itself, so its parameters come from {@link #install}.
 */
public final class BaselineSimulation extends Simulation {

    /** What the next baseline run does, and its counters. */
    record Setup(String baseUrl, double perSecond, double seconds, Duration glance, Duration reaction,
                 Map<String, String> codes, AtomicLong users, AtomicLong ended, AtomicLong failed,
                 AtomicLong firstStartNanos) {
        Setup(String baseUrl, double perSecond, double seconds, Duration glance, Duration reaction) {
            this(baseUrl, perSecond, seconds, glance, reaction, new ConcurrentHashMap<>(), new AtomicLong(),
                    new AtomicLong(), new AtomicLong(), new AtomicLong());
        }
    }

    /** How long, real, a journey waits for its code before its verify fails for want of one. */
    static final Duration GIVE_UP = Duration.ofSeconds(30);

    private static volatile Setup next;

    static void install(Setup setup) {
        next = setup;
    }

    public BaselineSimulation() {
        Setup s = next;
        if (s == null) {
            throw new IllegalStateException("no baseline installed: run it through `otpsim bench`");
        }
        long giveUp = GIVE_UP.toNanos();
        ScenarioBuilder journey = scenario("plain journeys")
                .exec(session -> {
                    s.firstStartNanos().compareAndSet(0, System.nanoTime());
                    return session.set("user", "b-" + s.users().incrementAndGet()).set("sentAt", System.nanoTime());
                })
                .exec(http("send").post(ReferenceContract.SEND.path()).header("Content-Type", "application/json")
                        .body(StringBody(session -> "{\"user\":\"" + session.getString("user")
                                + "\",\"channel\":\"sms\"}"))
                        .check(status().is(202)))
                // A failed send never brings a code: the loop ends on failure, and after GIVE_UP real time
                // at most, or that journey never ends and neither does Gatling (seen on a loaded machine).
                .asLongAs(session -> !session.isFailed() && System.nanoTime() - session.getLong("sentAt") < giveUp
                        && !s.codes().containsKey(session.getString("user"))).on(
                        pause(s.glance()))
                .pause(s.reaction())
                .exec(http("verify").post(ReferenceContract.VERIFY.path()).header("Content-Type", "application/json")
                        .body(StringBody(session -> "{\"user\":\"" + session.getString("user") + "\",\"code\":\""
                                + s.codes().remove(session.getString("user")) + "\"}"))
                        .check(status().is(200)))
                .exec(session -> {
                    if (session.isFailed()) {
                        s.failed().incrementAndGet();
                    }
                    s.ended().incrementAndGet();
                    return session;
                });
        setUp(journey.injectOpen(constantUsersPerSec(s.perSecond()).during(Duration.ofMillis(
                Math.round(s.seconds() * 1000)))))
                .protocols(http.baseUrl(s.baseUrl()).disableWarmUp().disableCaching().disableFollowRedirect().shareConnections()
                        .acceptHeader("application/json"));
    }
}
