package dev.otpsim.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario that cannot run, with every problem found (not just the first). */
public final class ScenarioException extends RuntimeException {
    private final transient List<ScenarioProblem> problems;

    public ScenarioException(List<ScenarioProblem> problems) {
        super(problems.stream().map(ScenarioProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public ScenarioException(ScenarioProblem problem) {
        this(List.of(problem));
    }

    public List<ScenarioProblem> problems() {
        return problems;
    }
}
