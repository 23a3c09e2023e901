package dev.otpsim.load;

import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.carrier.DeliveryEvents;
import dev.otpsim.carrier.impairment.LossReason;

/** Passes every delivery event on, recording each delivery's lateness as harness lag. */
final class DeliveryTap implements DeliveryEvents {
    private final DeliveryEvents next;
    private final HarnessWatch watch;
    private final double microsPerSimMilli;

    DeliveryTap(DeliveryEvents next, HarnessWatch watch, double timeScale) {
        this.next = next;
        this.watch = watch;
        this.microsPerSimMilli = 1000.0 / timeScale;
    }

    @Override
    public void issued(CarrierMessage m) {
        next.issued(m);
    }

    @Override
    public void delivered(CarrierMessage m, long visibleAtMillis, boolean duplicate, long lateMillis) {
        watch.lateMicros(Math.round(lateMillis * microsPerSimMilli));
        next.delivered(m, visibleAtMillis, duplicate, lateMillis);
    }

    @Override
    public void lost(CarrierMessage m, LossReason reason, long atMillis) {
        next.lost(m, reason, atMillis);
    }

    @Override
    public void duplicated(CarrierMessage m, long atMillis) {
        next.duplicated(m, atMillis);
    }

    @Override
    public void unknownRecipient(CarrierMessage m) {
        next.unknownRecipient(m);
    }
}
