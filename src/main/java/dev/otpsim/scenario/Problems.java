package dev.otpsim.scenario;

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

    public void throwIfAny() {
        if (!list.isEmpty()) {
            throw new ScenarioException(list);
        }
    }

    static String fileOf(ConfigOrigin origin) {
        if (origin == null) {
            return null;
        }
        if (origin.filename() != null) {
            return origin.filename();
        }
        if (origin.resource() != null) {
            return origin.resource();
        }
        return origin.description();
    }
}
