package dev.otpsim.carrier.impairment;

/**
 * The fixed order in which a carrier applies its faults, whatever the order in the scenario file.
 * Changing it changes what every seed decides (the carrier decision-log test guards it):
 * <ol>
 *   <li>OUTAGE — handed over in a {@code drop} window: lost; in a {@code hold} window: waits for its end;</li>
 *   <li>CAPACITY — joins the FIFO send queue when released; lost when the queue is full;</li>
 *   <li>LOSS — independent or bursty (Gilbert–Elliott);</li>
 *   <li>DELAY — transit time after leaving the carrier;</li>
 *   <li>REORDER — an occasional extra hold-back;</li>
 *   <li>DUPLICATE — an occasional second copy;</li>
 *   <li>UNREACHABLE — a handset out of coverage gets its copies when coverage returns, within validity.</li>
 * </ol>
 * A held outage burst therefore also goes through the capacity queue: a congested carrier takes
 * time to drain it, as real ones do.
 */
public enum Step {
    OUTAGE, CAPACITY, LOSS, DELAY, REORDER, DUPLICATE, UNREACHABLE
}
