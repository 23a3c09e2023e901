package dev.otpsim.config;

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

    /**
     * What the user reads: {@code "<what>: invalid (2 problems)"}, then one indented line per
     * problem ({@code file:line: key: message}). Every command prints bad input this way.
     */
    public String report(Object what) {
        StringBuilder b = new StringBuilder().append(what).append(": invalid (").append(problems.size())
                .append(problems.size() == 1 ? " problem)" : " problems)");
        for (ScenarioProblem p : problems) {
            b.append(System.lineSeparator()).append("  ").append(p);
        }
        return b.toString();
    }
}
