package dev.otpsim.report.compare;

import com.typesafe.config.Config;
import java.util.Map;

/**
 * One point of a sweep: the base scenario with one value per varied knob.
 *
 * @param id      directory-safe name, unique in the sweep, e.g. {@code 03-resend-wait-60s-rotation-latest-only}
 * @param knobs   knob path → value as written in the sweep file, in the sweep's knob order
 * @param config  the scenario to run, resolved; every key not varied is the base's, seed included
 */
public record Variant(String id, Map<String, String> knobs, Config config) {
}
