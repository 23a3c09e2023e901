package dev.otpsim.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doSwitch;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    private final RunContext ctx = RunContext.current();

    public OtpSimulation() {
        TargetProtocol protocol = ctx.protocol();

        ChainBuilder askForCode = exec(s -> s.remove("status").remove("body"))
                .exec(request("send code", protocol.send(), s -> journey(s).sendBody()))
                .exec(s -> {
                    journey(s).onSendResponse(s.contains("status") ? s.getInt("status") : -1, s.getString("body"));
                    return s;
                });
        ChainBuilder typeCode = exec(s -> s.remove("status").remove("body"))
                .exec(request("verify code", protocol.verify(), s -> journey(s).verifyBody()))
                .exec(s -> {
                    journey(s).onVerifyResponse(s.contains("status") ? s.getInt("status") : -1, s.getString("body"));
                    return s;
                });
        ChainBuilder waitForCode = pause(s -> journey(s).pause());

        ScenarioBuilder journeys = scenario("sign-in journeys")
                .exec(s -> s.set(JOURNEY, ctx.newJourney()))
                .asLongAs(s -> !journey(s).ended()).on(
                        doSwitch(s -> journey(s).decide()).on(
                                onCase("send").then(askForCode),
                                onCase("verify").then(typeCode),
                                onCase("wait").then(waitForCode)))
                .exec(s -> {
                    journey(s).finish();
                    return s;
                });

        HttpProtocolBuilder target = http.baseUrl(protocol.baseUrl())
                .disableWarmUp()
                .disableCaching()
                .shareConnections()
                .acceptHeader("application/json");

        setUp(journeys.injectOpen(injection(ctx.load(), ctx.clock().timeScale())))
                .protocols(target)
                .maxDuration(Duration.ofMillis(ctx.maxDurationMillis()));
    }

    @Override
    public void before() {
        // Simulated zero is the first arrival, not the JVM's start-up.
        ctx.clock().zeroNow();
    }

    private static HttpRequestActionBuilder request(String name, TargetProtocol.Request r,
                                                    java.util.function.Function<Session, String> body) {
        HttpRequestActionBuilder b = http(name).httpRequest(r.method(), r.path())
                .header("Content-Type", r.contentType())
                .body(StringBody(body))
                // Every contract answer is a response, not a failure; the ledger judges it.
                .check(status().lt(500).saveAs("status"), bodyString().saveAs("body"));
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            b = b.header(h.getKey(), h.getValue());
        }
        return b;
    }

    private static JourneyDriver journey(Session s) {
        return (JourneyDriver) s.get(JOURNEY);
    }

    /** The load profile's phases as Gatling open-model steps, rates and durations scaled to real time. */
    static List<OpenInjectionStep> injection(LoadProfile load, double timeScale) {
        List<OpenInjectionStep> steps = new ArrayList<>();
        for (LoadProfile.Phase p : load.phases()) {
            Duration real = Duration.ofNanos(Math.max(1_000_000, Math.round(p.millis() * 1_000_000.0 / timeScale)));
            if (p.constant()) {
                steps.add(p.fromRate() == 0 ? nothingFor(real) : constantUsersPerSec(p.fromRate() * timeScale).during(real));
            } else {
                steps.add(rampUsersPerSec(p.fromRate() * timeScale).to(p.toRate() * timeScale).during(real));
            }
        }
        return steps;
    }

}
