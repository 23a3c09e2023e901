package dev.otpsim.bench;

/**
 * How late carrier deliveries land compared with the time the carrier model planned, in real ms
 * (microsecond resolution).
 *
 * @param messages         messages submitted
 * @param perSecond        submission rate, real messages per second
 * @param delayMillis      the fixed delay every message had (time-scale 1: real = simulated)
 * @param delivered        deliveries observed before the wait ended
 * @param early            deliveries before their planned instant (counted as 0 ms late in the percentiles)
 * @param p50Ms            lateness p50
 * @param p99Ms            lateness p99
 * @param maxMs            lateness max
 */
public record TimerResult(int messages, double perSecond, long delayMillis, long delivered, long early,
                          double p50Ms, double p99Ms, double maxMs) {
}
