package dev.otpsim.carrier.gateway;

import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.carrier.CarrierSpec;
import dev.otpsim.carrier.Carriers;
import dev.otpsim.carrier.DeliveryEvents;
import dev.otpsim.carrier.impairment.LossReason;
import dev.otpsim.clock.ManualClock;
import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handsets;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A gateway on ephemeral loopback ports in front of perfect carriers, recording what it accepted. */
final class GatewayFixture implements AutoCloseable {
    final ManualClock clock = new ManualClock();
    final Handsets handsets = new Handsets();
    final List<CarrierMessage> issued = new CopyOnWriteArrayList<>();
    final List<String> unknown = new CopyOnWriteArrayList<>();
    final Carriers carriers;
    final CarrierGateway gateway;

    GatewayFixture(RecipientPolicy policy) throws IOException {
        DeliveryEvents events = new DeliveryEvents() {
            public void issued(CarrierMessage m) {
                issued.add(m);
            }

            public void delivered(CarrierMessage m, long at, boolean duplicate, long lateMillis) {
            }

            public void lost(CarrierMessage m, LossReason reason, long at) {
            }

            public void duplicated(CarrierMessage m, long at) {
            }

            public void unknownRecipient(CarrierMessage m) {
                unknown.add(m.to());
            }
        };
        clock.set(5_000);
        carriers = Carriers.start(Map.<Channel, CarrierSpec>of(), 1L, clock, handsets, events);
        gateway = CarrierGateway.start(GatewaySpec.DEFAULTS, clock, handsets, policy, events, carriers::submit);
    }

    @Override
    public void close() {
        gateway.close();
        carriers.close();
    }
}
