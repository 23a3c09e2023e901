package dev.otpsim.carrier;

import dev.otpsim.carrier.impairment.LossReason;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** DeliveryEvents that keep every event as a line, and optionally pass each on (e.g. to a test probe). */
final class RecordingEvents implements DeliveryEvents {
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final Consumer<String> also;

    RecordingEvents() {
        this(line -> { });
    }

    RecordingEvents(Consumer<String> also) {
        this.also = also;
    }

    private void add(String line) {
        lines.add(line);
        also.accept(line);
    }

    @Override
    public void issued(CarrierMessage m) {
        add("issued #" + m.id() + " " + m.channel() + " " + m.to() + " " + m.code() + " at " + m.issuedAtMillis());
    }

    @Override
    public void delivered(CarrierMessage m, long visibleAtMillis, boolean duplicate, long lateMillis) {
        add("delivered #" + m.id() + " at " + visibleAtMillis + (duplicate ? " duplicate" : ""));
    }

    @Override
    public void lost(CarrierMessage m, LossReason reason, long atMillis) {
        add("lost #" + m.id() + " " + reason.id() + " at " + atMillis);
    }

    @Override
    public void duplicated(CarrierMessage m, long atMillis) {
        add("duplicated #" + m.id() + " at " + atMillis);
    }

    @Override
    public void unknownRecipient(CarrierMessage m) {
        add("unknown #" + m.id() + " " + m.to());
    }
}
