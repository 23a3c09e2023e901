package dev.otpsim.carrier.impairment;

/**
 * What a fault may need from the carrier it is installed in when it creates its {@link Stage}.
 *
 * @param runSeed   the run's seed (who is out of coverage depends on it)
 * @param instances how many carrier instances share the channel's work (a capacity is split among them)
 * @param sendQueue the carrier's queue of messages not yet gone (outage hold and capacity)
 */
public record StageContext(long runSeed, int instances, SendQueue sendQueue) {
}
