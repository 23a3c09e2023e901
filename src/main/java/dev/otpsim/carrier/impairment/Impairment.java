package dev.otpsim.carrier.impairment;

/**
 * One fault a carrier injects, configured under its own scenario key (Toxiproxy-style "toxics").
 *
 * <p>Impairments are immutable data: the same instance may serve several carriers and runs.
 * Whatever state a fault needs while a run goes on (the Gilbert–Elliott channel state, the
 * capacity queue's last departure) lives in the {@link Stage} it creates for each carrier, and
 * the carrier applies every stage to a message through {@link Stage#apply} in the fixed order
 * of {@link Step}, whatever the order in the scenario file. Adding a fault is its own file
 * implementing this interface plus one line in {@link ImpairmentReaders}.
 *
 * <pre>{@code
 * List<Impairment> faults = List.of(
 *         new Delay(new DurationDistribution.LogNormal(4_000, 0.75)),
 *         new Loss(0.01));
 * CarrierModel sms = new CarrierModel(Channel.SMS, new CarrierSpec(faults, 1), seed, 0);
 * }</pre>
 */
public interface Impairment {

    /** Where this fault acts in the carrier's fixed order. */
    Step step();

    /** Orders faults of the same step (outage windows by start); 0 for most. */
    default long orderWithinStep() {
        return 0;
    }

    /** This fault's state in one carrier: applied to each message in transit. */
    Stage newStage(StageContext carrier);

    /** The spans of simulated time this fault impairs the carrier by design (none for most). */
    default java.util.List<FaultWindow> windows() {
        return java.util.List.of();
    }

    /** The scenario key this impairment is configured under, e.g. {@code delay}. */
    String key();

    /** A short description for reports and the gateway's start-up banner. */
    String describe();
}
