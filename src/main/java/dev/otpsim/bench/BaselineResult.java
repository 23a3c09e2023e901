package dev.otpsim.bench;

/**
 * The plain-Gatling baseline at one rate, measured over the same kind of steady window as a rung
 * (first arrival to the end of the load).
 *
 * @param offeredPerSecond   journeys started per real second
 * @param journeys           journeys started
 * @param failedJourneys     journeys that did not end with the verify accepted (Gatling KO)
 * @param completedPerSecond journeys ended in the window per real second of it
 * @param cpuMsPerJourney    process CPU ms in the window / journeys ended in it
 * @param coresUsed          process CPU seconds / real seconds in the window
 */
public record BaselineResult(double offeredPerSecond, long journeys, long failedJourneys, double completedPerSecond,
                             double cpuMsPerJourney, double coresUsed) {
}
