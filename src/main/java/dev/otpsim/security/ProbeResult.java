package dev.otpsim.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One probe's outcome, as written to {@code security.json} and shown on the page.
 *
 * @param id        short name, e.g. {@code attempt-limit}
 * @param title     what it checks, in a few words
 * @param verdict   pass, fail, skipped or error
 * @param finding   one sentence: what was found (every failure when it failed)
 * @param criterion when the probe passes, in words
 * @param evidence  what was seen, in the order it was gathered: counts, the answers, p-values
 * @param notes     supporting observations that do not decide the verdict (e.g. timing)
 * @param requests  requests the probe sent to the target
 * @param seconds   real time the probe took
 */
public record ProbeResult(String id, String title, Verdict verdict, String finding, String criterion,
                          Map<String, Object> evidence, List<String> notes, long requests, double seconds) {

    /** Gathers a probe's evidence and failures while it runs; {@link #build} decides the verdict. */
    static final class Builder {
        private final SecurityProbe probe;
        private final Map<String, Object> evidence = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();
        private final List<String> failures = new ArrayList<>();
        private final List<String> passes = new ArrayList<>();
        private String skipped;

        Builder(SecurityProbe probe) {
            this.probe = probe;
        }

        Builder evidence(String key, Object value) {
            evidence.put(key, value);
            return this;
        }

        Builder note(String note) {
            notes.add(note);
            return this;
        }

        /** A weakness found: the probe fails, with this among its findings. */
        Builder weakness(String finding) {
            failures.add(finding);
            return this;
        }

        /** A check that held, said in the finding when nothing failed. */
        Builder held(String finding) {
            passes.add(finding);
            return this;
        }

        /** The probe does not apply; {@code why} is the finding. */
        Builder skip(String why) {
            skipped = why;
            return this;
        }

        ProbeResult build(long requests, double seconds) {
            Verdict v = skipped != null ? Verdict.SKIPPED : failures.isEmpty() ? Verdict.PASS : Verdict.FAIL;
            String finding = skipped != null ? skipped : String.join("; ", failures.isEmpty() ? passes : failures);
            return new ProbeResult(probe.id(), probe.title(), v, finding, probe.criterion(),
                    new LinkedHashMap<>(evidence), List.copyOf(notes), requests, seconds);
        }

        /** The probe could not decide; what it gathered so far stays as evidence. */
        ProbeResult error(String why, long requests, double seconds) {
            return new ProbeResult(probe.id(), probe.title(), Verdict.ERROR, why, probe.criterion(),
                    new LinkedHashMap<>(evidence), List.copyOf(notes), requests, seconds);
        }
    }
}
