package dev.otpsim.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.otpsim.target.ReferenceContract;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * The Gatling side of {@link TimeScaleCalibration}: an unmeasured warm-up, then one step per
 * candidate time-scale, lowest first, each offering the journeys per real second the run would have at that scale (a send and
 * a wrong verification each, the warm-up's requests) and timing every answer. A step starts only
 * when the one before has finished; its first person stops the calibration if that step fell
 * behind — higher scales would only fall further.
 *
 * <p>Gatling instantiates the simulation itself: its parameters come from {@link #install}.
 */
public final class CalibrationSimulation extends Simulation {
    private static final String STOPPED = "otpsim: time-scale calibration done (a step fell behind)";
    private static volatile TimeScaleCalibration.Steps next;

    static void install(TimeScaleCalibration.Steps steps) {
        next = steps;
    }

    public CalibrationSimulation() {
        TimeScaleCalibration.Steps steps = next;
        if (steps == null) {
            throw new IllegalStateException("no calibration installed: time-scale = auto is resolved by `otpsim run`");
        }
        // First the JIT's turn, unmeasured: a cold JVM's first requests take hundreds of ms (class
        // loading, compilation) and would make every scale look impossible.
        PopulationBuilder chain = scenario("calibrate warm-up")
                .exec(s -> s.set("user", "calibrate-w-" + s.userId()))
                .exec(http("calibrate warm-up send").post(ReferenceContract.SEND.path()).header("Content-Type", "application/json")
                        .body(StringBody(s -> "{\"user\":\"" + s.getString("user") + "\",\"channel\":\"sms\"}"))
                        .check(status().lt(500)))
                .exec(http("calibrate warm-up verify").post(ReferenceContract.VERIFY.path()).header("Content-Type", "application/json")
                        .body(StringBody(s -> "{\"user\":\"" + s.getString("user") + "\",\"code\":\"00000000\"}"))
                        .check(status().lt(500)))
                .injectOpen(rampUsers(TimeScaleCalibration.WARMUP_JOURNEYS)
                        .during(Duration.ofMillis(TimeScaleCalibration.WARMUP_MILLIS)));
        for (int i = 0; i < steps.size(); i++) {
            int step = i;
            ChainBuilder timed = stopLoadGeneratorIf(STOPPED, s -> steps.fellBehindBefore(step))
                    .exec(s -> s.set("user", "calibrate-" + step + "-" + s.userId()).set("t", System.nanoTime()))
                    .exec(http("calibrate send").post(ReferenceContract.SEND.path()).header("Content-Type", "application/json")
                            .body(StringBody(s -> "{\"user\":\"" + s.getString("user") + "\",\"channel\":\"sms\"}"))
                            .check(status().lt(500)))
                    .exec(s -> {
                        long now = System.nanoTime();
                        steps.record(step, now - s.getLong("t"));
                        return s.set("t", now);
                    })
                    .exec(http("calibrate verify").post(ReferenceContract.VERIFY.path()).header("Content-Type", "application/json")
                            .body(StringBody(s -> "{\"user\":\"" + s.getString("user") + "\",\"code\":\"00000000\"}"))
                            .check(status().lt(500)))
                    .exec(s -> {
                        steps.record(step, System.nanoTime() - s.getLong("t"));
                        return s;
                    });
            ScenarioBuilder scn = scenario("calibrate x" + TimeScaleCalibration.show(steps.scale(step))).exec(timed);
            PopulationBuilder p = scn.injectOpen(constantUsersPerSec(steps.rate(step))
                    .during(Duration.ofMillis(TimeScaleCalibration.STEP_MILLIS)));
            chain = chain.andThen(p);
        }
        setUp(chain).protocols(http.baseUrl(steps.baseUrl()).disableWarmUp().disableCaching().disableFollowRedirect()
                .shareConnections().acceptHeader("application/json"));
    }
}
