package dev.otpsim.run;

import dev.otpsim.carrier.gateway.GatewayRefusals;
import dev.otpsim.metrics.RunSummary;
import dev.otpsim.metrics.SummaryBuilder;
import dev.otpsim.metrics.Totals;
import dev.otpsim.person.JourneyOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs that failed silently: figures that look like a result but are not one. A run with any of
 * these problems is marked invalid and exits 3, with the cause in words — on the console, in
 * summary.json and at the top of the page:
 * <ul>
 *   <li>every journey ended in error — "connection refused at http://127.0.0.1:9000 for 50 of 50
 *       sends", when the target could not be reached;</li>
 *   <li>no code reached the gateway for any accepted send — "the gateway refused 50 posts to
 *       /wrong/path (404 not_found)", or that it was handed nothing at all;</li>
 *   <li>no journey started.</li>
 * </ul>
 *
 * <pre>{@code
 * List<RunSummary.RunProblem> problems = RunChecks.noResult(reps, plan, traffic.snapshot(),
 *         gateway.refusals().snapshot());
 * }</pre>
 */
public final class RunChecks {
    private RunChecks() {
    }

    /** For an engine with no HTTP and no gateway listener (virtual time): the ledger's counts alone. */
    public static List<RunSummary.RunProblem> noResult(List<SummaryBuilder.Replication> reps, RunPlan plan) {
        return noResult(reps, plan, TargetTraffic.Snapshot.NONE, List.of());
    }

    /**
     * @param reps     the run's replications
     * @param plan     what was run (to name the target and the gateway)
     * @param traffic  the people's requests and those with no usable answer, by reason
     * @param refused  what the carrier gateway refused, by reason and path
     */
    public static List<RunSummary.RunProblem> noResult(List<SummaryBuilder.Replication> reps, RunPlan plan,
                                                       TargetTraffic.Snapshot traffic,
                                                       List<GatewayRefusals.Refusal> refused) {
        Totals t = reps.get(0).totals();
        for (int i = 1; i < reps.size(); i++) {
            t = t.merge(reps.get(i).totals());
        }
        List<RunSummary.RunProblem> out = new ArrayList<>();
        long journeys = t.journeys();
        long errors = t.count(JourneyOutcome.ERROR);
        long success = t.count(JourneyOutcome.SUCCESS);
        String target = plan.externalTarget() ? plan.scenario().external().baseUrl().toString() : "the target";
        if (journeys > 0 && errors == journeys) {
            String unanswered = traffic.describe(target);
            out.add(problem("every journey (" + journeys + ") ended in error: " + (unanswered.isEmpty()
                    ? "the target " + (plan.externalTarget() ? target + " " : "") + "gave no usable answer "
                    + "(5xx or unmapped) — see the requests in the ledger and unmatched-answers.json"
                    : unanswered)));
        } else if (success == 0 && t.sends() > 0 && t.sendsWithoutCode() >= t.sends()) {
            out.add(problem("no code reached the gateway for any of the " + t.sends() + " sends the target "
                    + "accepted, so nobody could sign in: " + (refused.isEmpty()
                    ? "the gateway refused nothing either, so nothing was handed to it at all"
                    : "the gateway refused " + GatewayRefusals.Refusal.describe(refused))
                    + " — check where and how the target delivers its codes" + gatewayAddresses(plan)));
        }
        if (journeys == 0) {
            out.add(problem("no journey started: the load starts none (check load.rate and load.duration)"));
        }
        return out;
    }

    /** Where an external target must hand its codes over: the gateway's fixed ports (an ephemeral one is no address). */
    private static String gatewayAddresses(RunPlan plan) {
        if (!plan.externalTarget()) {
            return "";
        }
        var g = plan.scenario().gateway();
        List<String> where = new ArrayList<>();
        if (g.port() > 0) {
            where.add("gateway http://" + g.host() + ":" + g.port() + ": POST /messages or the Twilio-shaped path");
        }
        if (g.smtpPort() > 0) {
            where.add("SMTP " + g.host() + ":" + g.smtpPort());
        }
        return where.isEmpty() ? "" : " (" + String.join("; ", where) + ")";
    }

    private static RunSummary.RunProblem problem(String message) {
        return new RunSummary.RunProblem(RunSummary.RunProblem.Kind.NO_RESULT, message);
    }
}
