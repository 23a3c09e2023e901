package dev.otpsim.config;

import com.typesafe.config.ConfigOrigin;
import java.util.ArrayList;
import java.util.List;

/** Collects {@link ScenarioProblem}s across one validation pass. */
public final class Problems {
    private final List<ScenarioProblem> list = new ArrayList<>();

    public void add(ConfigOrigin origin, String key, String message) {
        list.add(new ScenarioProblem(fileOf(origin), origin == null ? -1 : origin.lineNumber(), key, message));
    }

    public void add(ScenarioProblem problem) {
        list.add(problem);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<ScenarioProblem> all() {
        return List.copyOf(list);
    }

    /** Throws every problem found, in file and line order (the order a user fixes them in). */
    public void throwIfAny() {
        if (!list.isEmpty()) {
            List<ScenarioProblem> sorted = new ArrayList<>(list);
            sorted.sort(java.util.Comparator.comparing((ScenarioProblem p) -> String.valueOf(p.file()))
                    .thenComparingInt(ScenarioProblem::line));
            throw new ScenarioException(sorted);
        }
    }

    static String fileOf(ConfigOrigin origin) {
        if (origin == null) {
            return null;
        }
        if (origin.filename() != null) {
            return ScenarioFiles.display(java.nio.file.Path.of(origin.filename()));
        }
        if (origin.resource() != null) {
            return origin.resource();
        }
        return origin.description();
    }
}
