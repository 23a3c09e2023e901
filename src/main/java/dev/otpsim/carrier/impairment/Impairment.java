package dev.otpsim.carrier.impairment;

/**
 * One fault a carrier injects, configured under its own scenario key (Toxiproxy-style "toxics").
 *
 * <p>Impairments are immutable data: the same instance may serve several carriers and runs.
 * Whatever state a fault needs while a run goes on (the Gilbert–Elliott channel state, the
 * capacity queue) lives in a per-carrier object the impairment creates, owned by the
 * {@link dev.otpsim.carrier.CarrierModel} that applies it. The model applies them in one fixed
 * order, whatever the order in the scenario file:
 * outage → capacity → loss → delay → reorder → duplicate → unreachable.
 *
 * <pre>{@code
 * List<Impairment> faults = List.of(
 *         new Delay(new DurationDistribution.LogNormal(4_000, 0.75)),
 *         new Loss(0.01));
 * CarrierModel sms = new CarrierModel(Channel.SMS, new CarrierSpec(faults, 1), seed, 0);
 * }</pre>
 */
public sealed interface Impairment
        permits Delay, Loss, GilbertElliottLoss, Duplicate, Reorder, Outage, Capacity, Unreachable {

    /** The scenario key this impairment is configured under, e.g. {@code delay}. */
    String key();

    /** A short description for reports and the gateway's start-up banner. */
    String describe();
}
