package dev.otpsim.carrier.impairment;

/**
 * A span of simulated time in which a carrier is impaired by design — an outage, a capacity
 * drop: the triggers a retry storm is measured against, shaded grey on the run page.
 *
 * @param kind {@code outage-drop}, {@code outage-hold} or {@code capacity-drop}
 */
public record FaultWindow(String kind, long startMillis, long endMillis) {
}
