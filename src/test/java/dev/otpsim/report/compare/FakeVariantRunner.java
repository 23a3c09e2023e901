package dev.otpsim.report.compare;

import com.typesafe.config.Config;
import dev.otpsim.report.RunFixture;
import dev.otpsim.config.Problems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * TEST ONLY: stands in for the run engine so comparisons can be tested without Gatling. Its
 * figures are a deterministic function of the variant's scenario (resend wait, rotation, seed),
 * shaped like the real trade-off: a short wait makes more stale codes and more messages, a long
 * wait makes signing in slower.
 */
public final class FakeVariantRunner implements VariantRunner {
    final List<String> ran = new ArrayList<>();
    boolean closed;

    public boolean isClosed() {
        return closed;
    }

    public boolean ranNothing() {
        return ran.isEmpty();
    }

    @Override
    public void check(Variant variant) {
        Problems p = new Problems();
        String rotation = variant.config().getString("target.policy.rotation");
        if (!Set.of("latest-only", "any-unexpired", "same-code").contains(rotation)) {
            p.add(variant.config().getValue("target.policy.rotation").origin(), "target.policy.rotation",
                    "expected one of any-unexpired, latest-only, same-code, got " + rotation);
        }
        p.throwIfAny();
    }

    @Override
    public Path run(Variant variant, Path runDir) throws Exception {
        ran.add(variant.id());
        return runAlone(variant.config(), runDir);
    }

    /** What one run of {@code scenario} writes; the same scenario always gives the same figures. */
    public static Path runAlone(Config scenario, Path runDir) throws Exception {
        double waitS = scenario.getDuration("people.profile.resend-wait").toMillis() / 1000.0;
        boolean rotates = scenario.getString("target.policy.rotation").equals("latest-only");
        RunFixture f = new RunFixture();
        f.runId = runDir.getFileName().toString();
        f.seed = scenario.getLong("seed");
        f.timeScale = scenario.getDouble("time-scale");
        f.windows = 12;
        f.journeysPerWindow = 20;
        f.gatling = false;
        f.stormStrength = waitS < 30 ? 1.0 : 0;
        f.staleSubmissionRate = rotates ? 0.6 / (waitS + 10) : 0.005;
        f.staleJourneyRate = f.staleSubmissionRate * 0.8;
        f.lockoutRate = rotates ? 0.2 / (waitS + 10) : 0.001;
        f.sendAmplification = 1 + 10 / (waitS + 5);
        f.messagesPerSuccess = f.sendAmplification * 1.05;
        f.timeToSignInScaleMs = (long) (8_000 + waitS * 400);
        f.scenarioText = scenario.root().render(com.typesafe.config.ConfigRenderOptions.defaults().setOriginComments(false));
        f.write(runDir);
        return runDir;
    }

    @Override
    public void close() {
        closed = true;
    }
}
