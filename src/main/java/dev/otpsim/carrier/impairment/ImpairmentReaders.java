package dev.otpsim.carrier.impairment;

import dev.otpsim.distribution.Durations;

import dev.otpsim.distribution.DistributionParser;
import dev.otpsim.distribution.DurationDistribution;
import dev.otpsim.config.Section;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads impairments from a carrier's scenario object, one reader per scenario key. Adding a fault
 * means adding its type and one line here.
 *
 * <pre>{@code
 * List<Impairment> faults = ImpairmentReaders.readAll(carrierSection); // problems go to the section
 * }</pre>
 */
public final class ImpairmentReaders {

    /** Reads the impairment(s) configured under one key of a carrier object. */
    @FunctionalInterface
    interface Reader {
        List<Impairment> read(Section carrier, String key);
    }

    private static final Map<String, Reader> READERS;

    static {
        Map<String, Reader> m = new LinkedHashMap<>();
        m.put(Delay.KEY, (s, k) -> List.of(new Delay(DistributionParser.read(s, k, null))));
        m.put(Loss.KEY, (s, k) -> one(loss(s.section(k))));
        m.put(Duplicate.KEY, (s, k) -> one(duplicate(s.section(k))));
        m.put(Reorder.KEY, (s, k) -> one(reorder(s.section(k))));
        m.put(Outage.KEY, ImpairmentReaders::outages);
        m.put(Capacity.KEY, (s, k) -> one(capacity(s.section(k))));
        m.put(Unreachable.KEY, (s, k) -> one(unreachable(s.section(k))));
        READERS = Collections.unmodifiableMap(m);
    }

    private ImpairmentReaders() {
    }

    /** The scenario keys that configure impairments. */
    public static Set<String> keys() {
        return READERS.keySet();
    }

    /** Every impairment configured in {@code carrier}; bad values are recorded as problems and skipped. */
    public static List<Impairment> readAll(Section carrier) {
        List<Impairment> out = new ArrayList<>();
        for (Map.Entry<String, Reader> e : READERS.entrySet()) {
            if (carrier.has(e.getKey())) {
                out.addAll(e.getValue().read(carrier, e.getKey()));
            }
        }
        return out;
    }

    private static List<Impairment> one(Impairment i) {
        return i == null ? List.of() : List.of(i);
    }

    private static Impairment loss(Section s) {
        String model = s.choice("model", Map.of("independent", "independent", "gilbert-elliott", "gilbert-elliott"),
                "independent");
        Impairment loss;
        if ("gilbert-elliott".equals(model)) {
            double p = s.probability("p", null);
            double r = s.probability("r", null);
            if (s.has("r") && r == 0) {
                s.problem("r", "must be greater than zero, or the bad state never ends");
            }
            loss = new GilbertElliottLoss(p, r, s.probability("loss-in-bad", 1.0), s.probability("loss-in-good", 0.0));
        } else {
            loss = new Loss(s.probability("probability", null));
        }
        s.finish();
        return loss;
    }

    private static Impairment duplicate(Section s) {
        double p = s.probability("probability", null);
        DurationDistribution extra = DistributionParser.read(s, "extra-delay", new DurationDistribution.Fixed(0));
        s.finish();
        return new Duplicate(p, extra);
    }

    private static Impairment reorder(Section s) {
        double p = s.probability("probability", null);
        DurationDistribution gap = DistributionParser.read(s, "gap", null);
        s.finish();
        return new Reorder(p, gap);
    }

    private static List<Impairment> outages(Section carrier, String key) {
        List<Impairment> out = new ArrayList<>();
        for (Section w : carrier.sections(key)) {
            long[] window = window(w);
            Outage.Mode mode = w.choice("mode", Map.of("drop", Outage.Mode.DROP, "hold", Outage.Mode.HOLD), null);
            w.finish();
            if (mode != null && window != null) {
                out.add(new Outage(window[0], window[1], mode));
            }
        }
        return out;
    }

    private static Impairment capacity(Section s) {
        double rate = s.number("rate", null, 0.001, 1_000_000.0);
        int limit = s.integer("queue-limit", 10_000, 1, 100_000_000);
        List<Capacity.Drop> drops = new ArrayList<>();
        for (Section d : s.sections("drops")) {
            long[] window = window(d);
            double dropRate = d.number("rate", null, 0.001, 1_000_000.0);
            d.finish();
            if (window == null) {
                continue;
            }
            if (drops.stream().anyMatch(o -> window[0] < o.endMillis() && o.startMillis() < window[1])) {
                d.problem("start", "overlaps another capacity drop");
            } else {
                drops.add(new Capacity.Drop(window[0], window[1], dropRate));
            }
        }
        s.finish();
        return new Capacity(rate, limit, drops);
    }

    /** A window of simulated time {@code { start = 2m, end = 5m }}: {start, end} in ms, or null (reported) when empty. */
    private static long[] window(Section w) {
        long start = w.duration("start").toMillis();
        long end = w.duration("end").toMillis();
        if (!w.has("start") || !w.has("end")) {
            return null; // the missing key is already reported
        }
        if (end <= start) {
            w.problem("end", "must be after start (" + Durations.show(start) + ")");
            return null;
        }
        return new long[] {start, end};
    }

    private static Impairment unreachable(Section s) {
        double share = s.probability("share", null);
        long from = s.duration("from", Duration.ZERO).toMillis();
        long length = s.positiveDuration("for").toMillis();
        long validity = s.positiveDuration("validity", Duration.ofHours(24)).toMillis();
        s.finish();
        return new Unreachable(share, from, length, validity);
    }
}
