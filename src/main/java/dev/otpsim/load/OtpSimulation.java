package dev.otpsim.load;

import dev.otpsim.person.LoadProfile;
import dev.otpsim.target.TargetProtocol;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.doSwitch;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.otpsim.handset.Channel;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The Gatling simulation: each virtual user is one person's sign-in journey, driven by the
 * person model. It reads like the journey: start, then as long as the journey runs, decide and
 * either ask for a code, type one, or wait; finally record how it ended.
 *
 * <p>Every answer the target may give is accepted as a response (the ledger classifies it);
 * only 5xx and transport failures are failed requests in Gatling's own report.
 */
public final class OtpSimulation extends Simulation {
    private static final String JOURNEY = "journey";
    /** Session key prefix of the response headers the protocol reads. */
    private static final String HEADER = "header:";
    /** Typed by warm-up people: never a real code (eight digits where the target issues six). */
    private static final String WARM_UP_CODE = "00000000";
    private static final String OVER_CAPACITY = "otpsim: the harness is over capacity (see summary.json problems)";

    private final RunContext ctx = RunContext.current();
    private final RequestGate gate = new RequestGate();

    public OtpSimulation() {
        TargetProtocol protocol = ctx.protocol();

        Set<String> headers = protocol.headersRead();
        ChainBuilder askForCode = ask(request("send code", protocol.send(), headers, s -> journey(s).sendPath(),
                s -> journey(s).sendBody()), headers, JourneyDriver::onSendResponse);
        ChainBuilder typeCode = ask(request("verify code", protocol.verify(), headers, s -> journey(s).verifyPath(),
                s -> journey(s).verifyBody()), headers, JourneyDriver::onVerifyResponse);
        ChainBuilder waitForCode = pause(s -> journey(s).pause());

        // Over capacity (CapacityGuard): the next person to arrive stops the load generator (an
        // open model keeps them coming; checking at every step too only cost time).
        ScenarioBuilder journeys = scenario("sign-in journeys")
                .exec(stopLoadGeneratorIf(OVER_CAPACITY, s -> ctx.watch().loadStopped()))
                .exec(s -> s.set(JOURNEY, ctx.newJourney()))
                .asLongAs(s -> !journey(s).ended()).on(
                        doSwitch(s -> journey(s).decide()).on(
                                onCase(JourneyDriver.Step.SEND).then(askForCode),
                                onCase(JourneyDriver.Step.VERIFY).then(typeCode),
                                onCase(JourneyDriver.Step.WAIT).then(waitForCode)))
                .exec(s -> {
                    journey(s).finish();
                    return s;
                });

        HttpProtocolBuilder target = http.baseUrl(protocol.baseUrl())
                .disableWarmUp()
                .disableCaching()
                .disableFollowRedirect() // a redirect is the target's answer, never a way off the allowed hosts
                .shareConnections()
                .acceptHeader("application/json");

        PopulationBuilder people = journeys.injectOpen(injection(ctx.load(), ctx.clock().timeScale()));
        if (ctx.warmUpUsers() > 0) {
            // Same requests, same servers, before simulated time starts; the ledger ignores them.
            ScenarioBuilder warmUp = scenario("warm-up (not measured)")
                    .exec(s -> s.set(JOURNEY, new TargetProtocol.Identity(0,
                            Warmup.PREFIX + s.userId(), Warmup.PREFIX + s.userId())))
                    .exec(gated(request("warm-up send", protocol.send(), Set.of(),
                            s -> protocol.send().path(identity(s), Channel.SMS, null),
                            s -> protocol.send().body(identity(s), Channel.SMS, null))))
                    .exec(gated(request("warm-up verify", protocol.verify(), Set.of(),
                            s -> protocol.verify().path(identity(s), Channel.SMS, WARM_UP_CODE),
                            s -> protocol.verify().body(identity(s), Channel.SMS, WARM_UP_CODE))));
            people = warmUp.injectOpen(Warmup.injection(ctx.warmUpUsers(), ctx.load(), ctx.clock().timeScale()))
                    .andThen(people);
        }
        setUp(people)
                .protocols(target)
                .maxDuration(Duration.ofMillis(ctx.maxDurationMillis() + 3_000));
    }

    /** What the journey does with a target's answer: status (-1 for none), body, response headers. */
    @FunctionalInterface
    private interface AnswerHandler {
        void answer(JourneyDriver journey, int status, String body, UnaryOperator<String> header);
    }

    /**
     * A request whose answer goes to the journey, which then forgets it: a later request that gets
     * no answer is not judged by this one's. It waits for a place at the {@link RequestGate}
     * (backing off 1, 2, 4, 8 ms) so connections stay bounded.
     */
    private ChainBuilder ask(HttpRequestActionBuilder request, Set<String> headers, AnswerHandler handler) {
        return asLongAs(s -> !gate.tryEnter()).on(pause(s -> journey(s).gateWait()))
                .exec(request)
                .exec(s -> {
                    gate.leave();
                    handler.answer(journey(s), s.contains("status") ? s.getInt("status") : -1, s.getString("body"),
                            name -> s.getString(HEADER + name));
                    return forget(s, headers);
                });
    }

    /** A warm-up request, through the same gate. */
    private ChainBuilder gated(HttpRequestActionBuilder request) {
        return asLongAs(s -> !gate.tryEnter()).on(pause(Duration.ofMillis(RequestGate.MAX_WAIT_MILLIS)))
                .exec(request)
                .exec(s -> {
                    gate.leave();
                    return s;
                });
    }

    private static HttpRequestActionBuilder request(String name, TargetProtocol.Request r, Set<String> headersRead,
                                                    Function<Session, String> path, Function<Session, String> body) {
        // A per-person path only where the protocol has one: a static path keeps Gatling's fast route.
        HttpRequestActionBuilder b = r.path().indexOf('{') < 0 ? http(name).httpRequest(r.method(), r.path())
                : http(name).httpRequest(r.method(), path);
        if (r.contentType() != null) {
            b = b.header("Content-Type", r.contentType()).body(StringBody(body));
        }
        // Every contract answer is a response, not a failure; the ledger judges it.
        b = b.check(status().lt(500).saveAs("status"), bodyString().saveAs("body"));
        for (String h : headersRead) {
            b = b.check(header(h).optional().saveAs(HEADER + h));
        }
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            b = b.header(h.getKey(), h.getValue());
        }
        return b;
    }

    /** Clears an answer once read, so a request that got none is not judged by the one before. */
    private static Session forget(Session s, Set<String> headers) {
        Session out = s.remove("status").remove("body");
        for (String h : headers) {
            out = out.remove(HEADER + h);
        }
        return out;
    }

    private static TargetProtocol.Identity identity(Session s) {
        return (TargetProtocol.Identity) s.get(JOURNEY);
    }

    private static JourneyDriver journey(Session s) {
        return (JourneyDriver) s.get(JOURNEY);
    }

    /**
     * The load profile as Gatling open-model steps in real time: one step per real second, each
     * starting the journeys the profile's rate curve puts in that second, evenly spaced
     * ({@code rampUsers(n).during(d)}). Gatling's injector works in one-second batches and loses
     * the users of a step shorter than a second (measured: a trailing half-second step of 60
     * users injected none), so a trailing partial second joins the step before it, and a
     * profile shorter than one real second is spread over one second. Fractions of a journey
     * carry over to the next step.
     */
    static List<OpenInjectionStep> injection(LoadProfile load, double timeScale) {
        List<OpenInjectionStep> steps = new ArrayList<>();
        double totalMillis = load.durationMillis();
        double secondSim = 1000.0 * timeScale; // simulated ms in one real second
        long emitted = 0;
        double from = 0;
        while (from < totalMillis) {
            double to = from + secondSim;
            if (totalMillis - to < secondSim) {
                to = totalMillis; // the last step takes the remainder: never shorter than a second
            }
            long n = (long) Math.floor(load.journeysBy(to) + 1e-9) - emitted;
            emitted += n;
            long realNanos = Math.max(1_000_000_000L, Math.round((to - from) * 1_000_000.0 / timeScale));
            Duration real = Duration.ofNanos(realNanos);
            steps.add(n == 0 ? nothingFor(real) : rampUsers((int) n).during(real));
            from = to;
        }
        return steps;
    }
}
