package dev.otpsim.scenario;

import java.util.Locale;
import java.util.Map;

/**
 * Which engine runs a scenario (scenario key {@code engine}, or {@code --engine}):
 * <ul>
 *   <li>{@code virtual} — virtual time: a discrete-event loop, exact and deterministic, independent
 *       of the machine, as fast as the CPU allows; the embedded reference target only;</li>
 *   <li>{@code gatling} — scaled real time through Gatling over HTTP: the load harness, and the
 *       only engine for an external target.</li>
 * </ul>
 */
public enum EngineChoice {
    VIRTUAL, GATLING;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Map<String, EngineChoice> byId() {
        return Map.of("virtual", VIRTUAL, "gatling", GATLING);
    }
}
