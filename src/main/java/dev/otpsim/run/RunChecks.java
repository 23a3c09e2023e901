package dev.otpsim.run;

import dev.otpsim.metrics.RunSummary;
import dev.otpsim.metrics.SummaryBuilder;
import dev.otpsim.metrics.Totals;
import dev.otpsim.person.JourneyOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs that failed silently: figures that look like a result but are not one. A run with any of
 * these problems is marked invalid and exits 3, with the cause in words — on the console, in
 * summary.json and at the top of the page.
 */
public final class RunChecks {
    private RunChecks() {
    }

    /**
     * @param reps  the run's replications
     * @param plan  what was run (to name the target)
     */
    public static List<RunSummary.RunProblem> noResult(List<SummaryBuilder.Replication> reps, RunPlan plan) {
        Totals t = reps.get(0).totals();
        for (int i = 1; i < reps.size(); i++) {
            t = t.merge(reps.get(i).totals());
        }
        List<RunSummary.RunProblem> out = new ArrayList<>();
        long journeys = t.journeys();
        long errors = t.count(JourneyOutcome.ERROR);
        long success = t.count(JourneyOutcome.SUCCESS);
        if (journeys > 0 && errors == journeys) {
            out.add(problem("every journey (" + journeys + ") ended in error: the target "
                    + (plan.externalTarget() ? plan.scenario().external().baseUrl() + " " : "")
                    + "gave no usable answer (refused, timed out, 5xx or unmapped) — see the requests in the "
                    + "ledger and unmatched-answers.json"));
        } else if (success == 0 && t.sends() > 0 && t.sendsWithoutCode() >= t.sends()) {
            out.add(problem("no code reached the gateway for any of the " + t.sends() + " sends the target "
                    + "accepted, so nobody could sign in: check where the target delivers its codes"
                    + (plan.externalTarget() ? " (gateway " + plan.scenario().gateway().host() + ":"
                    + plan.scenario().gateway().port() + ", SMTP " + plan.scenario().gateway().smtpPort() + ")" : "")));
        }
        if (journeys == 0) {
            out.add(problem("no journey started: the load starts none (check load.rate and load.duration)"));
        }
        return out;
    }

    private static RunSummary.RunProblem problem(String message) {
        return new RunSummary.RunProblem(RunSummary.RunProblem.Kind.NO_RESULT, message);
    }
}
