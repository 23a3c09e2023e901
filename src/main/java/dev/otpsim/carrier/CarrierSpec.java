package dev.otpsim.carrier;

import dev.otpsim.carrier.impairment.Impairment;
import dev.otpsim.carrier.impairment.ImpairmentReaders;
import dev.otpsim.config.Section;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How one channel's carrier behaves: its impairments and how many actor instances share its work.
 * A carrier with no impairments is perfect: it delivers every message at once.
 *
 * <pre>
 * carriers.sms {
 *   delay { type = lognormal, median = 4s, sigma = 0.75, cap = 30m }
 *   loss { probability = 0.01 }        # or { model = gilbert-elliott, p = 0.01, r = 0.25, loss-in-bad = 0.9 }
 *   duplicate { probability = 0.02, extra-delay = 5s }
 *   reorder { probability = 0.05, gap = 20s }
 *   outages = [ { start = 2m, end = 5m, mode = hold } ]
 *   capacity { rate = 10, queue-limit = 2000 }
 *   unreachable { share = 0.05, from = 0s, for = 10m, validity = 24h }
 *   instances = 1
 * }
 * </pre>
 *
 * @param impairments the faults, in any order (the model applies them in its fixed order)
 * @param instances   actor instances for this channel; recipients are spread over them by address
 */
public record CarrierSpec(List<Impairment> impairments, int instances) {

    /** A carrier that delivers every message immediately. */
    public static final CarrierSpec PERFECT = new CarrierSpec(List.of(), 1);

    public CarrierSpec {
        impairments = List.copyOf(impairments);
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1, got " + instances);
        }
    }

    /** Reads one carrier object; problems are recorded in the section's {@code Problems}. */
    public static CarrierSpec read(Section s) {
        List<Impairment> impairments = ImpairmentReaders.readAll(s);
        int instances = s.integer("instances", 1, 1, 64);
        s.finish();
        return new CarrierSpec(impairments, instances);
    }

    /** One line per impairment, or "perfect". */
    public String describe() {
        if (impairments.isEmpty()) {
            return "perfect (no delay, no faults)";
        }
        String faults = impairments.stream().map(Impairment::describe).collect(Collectors.joining("; "));
        return instances == 1 ? faults : faults + "; " + instances + " instances";
    }
}
