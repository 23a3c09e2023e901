package dev.otpsim.cli;

import dev.otpsim.load.GatlingEngine;
import dev.otpsim.person.JourneyOutcome;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.config.ScenarioException;
import dev.otpsim.scenario.ScenarioLoader;
import dev.otpsim.probe.Probe;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code otpsim probe <scenario>}: one person's journey through the scenario's external target,
 * printed step by step, to get {@code target.external} right before sending load; with
 * {@code --exhaust-attempts}, the path to a lock instead.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Send one person's journey through the scenario's external target (target.external) and print "
                + "each step: request, response, the message the gateway received, the mapped outcome and the "
                + "ledger's classification. The gateway listens on the scenario's gateway ports.",
            "With --exhaust-attempts: wrong codes until the service stops taking attempts (locked, or the code "
                + "burned), then the right code, then a resend and its code, to check the mapping of those answers.",
            "Exit 0 when the person signed in (--exhaust-attempts: every answer was mapped and the service stopped "
                + "taking attempts), 1 when not (also when the service could not be reached or no code reached the "
                + "gateway), 2 on bad input."})
final class ProbeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO", description = "scenario with a target.external section")
    Path scenario;

    @Option(names = "--person", paramLabel = "N", defaultValue = "1",
            description = "which person: {n} in the identity templates (default ${DEFAULT-VALUE})")
    long person;

    @Option(names = "--wrong-code-first",
            description = "type a deliberately wrong code before the right one, to check the rejection's mapping")
    boolean wrongCodeFirst;

    @Option(names = "--exhaust-attempts",
            description = "the lock path: wrong codes until the service answers locked or code-dead (at most "
                    + "target.external.expected.max-attempts + 1, else 20), then the right code, then a resend and "
                    + "its code; every answer printed with the rule that mapped it")
    boolean exhaustAttempts;

    @Option(names = "--message-wait", paramLabel = "DURATION", defaultValue = "10s",
            description = "real time to wait for a message at the gateway after the target accepted a send, before "
                    + "saying none came and listing what the gateway refused (default ${DEFAULT-VALUE})")
    String messageWait;

    @Option(names = "--with-carriers",
            description = "deliver through the scenario's carrier fault model (default: codes arrive at once)")
    boolean withCarriers;

    @Option(names = "--allow-target", paramLabel = "HOST",
            description = "allow this non-loopback host as target or gateway (repeatable)")
    List<String> allowed = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario s;
        try {
            s = ScenarioLoader.load(scenario);
        } catch (ScenarioException e) {
            err.println(e.report(scenario));
            err.flush();
            return Main.BAD_INPUT;
        }
        Optional<String> refused = dev.otpsim.run.RunPlan.refusal(s, allowed);
        if (refused.isPresent()) {
            err.println("otpsim probe: refusing " + refused.get());
            err.flush();
            return Main.BAD_INPUT;
        }
        if (person < 1) {
            err.println("otpsim probe: --person must be at least 1, got " + person);
            err.flush();
            return Main.BAD_INPUT;
        }
        Duration wait;
        try {
            wait = DurationOption.parse("--message-wait", messageWait);
        } catch (IllegalArgumentException e) {
            wait = Duration.ZERO;
        }
        if (wait.isZero() || wait.isNegative()) {
            err.println("otpsim probe: --message-wait: expected a positive duration such as 10s or 1m, got \""
                    + messageWait + "\"");
            err.flush();
            return Main.BAD_INPUT;
        }
        try {
            Probe probe = new Probe(s, out).perfectCarriers(!withCarriers).wrongCodeFirst(wrongCodeFirst)
                    .messageWait(wait);
            if (exhaustAttempts) {
                return probe.exhaustAttempts(person).passed() ? Main.OK : Main.THRESHOLDS_FAILED;
            }
            JourneyOutcome outcome = probe.run(person);
            return outcome == JourneyOutcome.SUCCESS ? Main.OK : Main.THRESHOLDS_FAILED;
        } catch (IllegalArgumentException e) {
            err.println("otpsim probe: " + e.getMessage());
            err.flush();
            return Main.BAD_INPUT;
        } catch (IOException e) {
            err.println("otpsim probe: cannot start the gateway: " + e.getMessage());
            err.flush();
            return Main.BAD_INPUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.THRESHOLDS_FAILED;
        }
    }
}
