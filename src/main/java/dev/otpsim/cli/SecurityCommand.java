package dev.otpsim.cli;

import dev.otpsim.scenario.Scenario;
import dev.otpsim.config.ScenarioException;
import dev.otpsim.scenario.ScenarioLoader;
import dev.otpsim.security.ProbeResult;
import dev.otpsim.security.SecurityOptions;
import dev.otpsim.security.SecurityProbes;
import dev.otpsim.security.SecurityReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code otpsim security <scenario>}: probes the target for the classic OTP bypasses. */
@Command(name = "security", mixinStandardHelpOptions = true,
        description = {"Probe an OTP service for the classic bypasses: a race on the attempt limit, attempts reset by a "
                + "resend, reusable codes, send flooding, predictable codes, user enumeration. The target is the embedded "
                + "reference target, or the scenario's target.external (its codes must reach the gateway ports).",
            "Writes reports/security-<name>-<time>/security.json and security.html (docs/security-probes.md).",
            "Exit 0 every probe passed, 1 a probe failed, 2 bad input, 3 the probing itself failed."})
final class SecurityCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO", description = "scenario file: its target.policy or target.external, and gateway")
    Path scenario;

    @Option(names = "--allow-target", paramLabel = "HOST",
            description = "allow this non-loopback host as target or gateway (repeatable)")
    List<String> allowed = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "parent directory of the report (default: reports)")
    Path out = Path.of("reports");

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "32",
            description = "requests fired at once beyond each limit in the races (1-200, default ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m",
            description = "real-time bound of each probe, waits for the target's cooldowns included (default ${DEFAULT-VALUE})")
    String timeout;

    @Option(names = "--codes", paramLabel = "N", defaultValue = "200",
            description = "codes sampled for the entropy probe, one per fresh person (50-5000, default ${DEFAULT-VALUE})")
    int codes;

    @Option(names = "--probes", paramLabel = "ID", split = ",",
            description = "run only these probes: attempt-limit, resend-resets-attempts, code-reuse, send-flooding, "
                    + "code-entropy, user-enumeration (default: all)")
    List<String> probes = new ArrayList<>();

    @Option(names = "--first-person", paramLabel = "N",
            description = "{n} of the first probe person (default 1 for the embedded target; for an external one a "
                    + "random block of 6000 of its own, so a second run does not meet the first run's locks)")
    Long firstPerson;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario s;
        try {
            s = ScenarioLoader.load(scenario);
        } catch (ScenarioException e) {
            err.println(e.report(scenario));
            err.flush();
            return Main.BAD_INPUT;
        }
        SecurityProbes.Outcome outcome;
        try {
            SecurityOptions options = new SecurityOptions(parallel, DurationOption.parse("--timeout", timeout), codes, probes, firstPerson,
                    allowed, out);
            outcome = new SecurityProbes(o).run(s, options);
        } catch (IllegalArgumentException e) {
            err.println("otpsim security: " + e.getMessage());
            err.flush();
            return Main.BAD_INPUT;
        } catch (IOException e) {
            err.println("otpsim security: cannot write the report under " + out + ": " + e.getMessage());
            err.flush();
            return Main.BAD_INPUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("otpsim security: interrupted");
            err.flush();
            return Main.RUN_FAILED;
        }
        print(o, outcome);
        SecurityReport r = outcome.report();
        if (r.failure() != null) {
            err.println("otpsim security: the probing failed: " + r.failure());
            err.flush();
        }
        return r.exitCode();
    }

    private static void print(PrintWriter o, SecurityProbes.Outcome outcome) {
        SecurityReport r = outcome.report();
        o.println();
        if (!r.probes().isEmpty()) {
            o.printf(Locale.ROOT, "%-24s %-8s %s%n", "probe", "verdict", "finding");
            for (ProbeResult p : r.probes()) {
                o.printf(Locale.ROOT, "%-24s %-8s %s%n", p.id(), p.verdict() == dev.otpsim.security.Verdict.FAIL
                        ? "FAIL" : p.verdict().id(), p.finding());
            }
        }
        o.println("verdict: " + r.verdict().id());
        o.println("summary: " + outcome.dir().resolve("security.json"));
        o.println("report:  " + outcome.dir().resolve("security.html").toUri());
        o.flush();
    }
}
