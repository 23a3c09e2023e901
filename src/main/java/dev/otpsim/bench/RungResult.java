package dev.otpsim.bench;

import java.util.List;

/**
 * One rung of the throughput ladder: a run at a fixed offered rate and what it achieved.
 * "Steady" figures cover simulated zero to the end of the load (see {@link RunProbe}) — or to the
 * moment the load was stopped when the harness was over capacity; "whole run" figures include the
 * engine's start-up, warm-up, drain and summary writing.
 *
 * @param offeredPerSecond    journeys the scenario starts per real second
 * @param journeys            journeys started (summary.json), warm-up excluded
 * @param steadySeconds       real length of the steady window
 * @param completedPerSecond  journeys ended in the steady window per real second of it
 * @param successShare        successful journeys / journeys, whole run
 * @param httpSendP99Ms       send requests, real ms from when due, p99
 * @param httpVerifyP99Ms     verify requests, real ms from when due, p99
 * @param cpuMsPerJourney     process CPU ms in the steady window / journeys ended in it
 * @param coresUsed           process CPU seconds / real seconds in the steady window
 * @param wholeRunCpuMsPerJourney process CPU ms of the whole {@code GatlingEngine.run} / journeys
 * @param wallSeconds         real time of the whole run
 * @param warnings            the run's harness warnings and problems (summary.json)
 * @param runDir              where the run's own reports are
 * @param overCapacity        the harness could not carry the rate: the load was stopped
 * @param peakOpenFiles       most file descriptors the process held open during the run
 * @param wakeUpsPerJourney   Gatling pauses per completed journey (run-info.json)
 */
public record RungResult(double offeredPerSecond, long journeys, double steadySeconds, double completedPerSecond,
                         double successShare, long httpSendP99Ms, long httpVerifyP99Ms, double cpuMsPerJourney,
                         double coresUsed, double wholeRunCpuMsPerJourney, double wallSeconds, List<String> warnings,
                         String runDir, boolean overCapacity, long peakOpenFiles, double wakeUpsPerJourney) {
}
