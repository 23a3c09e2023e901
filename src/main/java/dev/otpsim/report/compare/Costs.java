package dev.otpsim.report.compare;

import dev.otpsim.handset.Channel;
import dev.otpsim.config.Section;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a message costs on each channel, for a comparison's decision view (sweep key {@code costs}):
 *
 * <pre>
 * costs { currency = USD, sms = 0.0079, voice = 0.013, email = 0 }
 * </pre>
 * A channel left out costs nothing. The cost of 1,000 sign-ins is 1,000 × Σ messages per success on
 * the channel × its price.
 *
 * @param currency  named on the page, e.g. {@code USD}
 * @param perMessage price of one message by channel
 */
public record Costs(String currency, Map<Channel, Double> perMessage) {

    public Costs {
        perMessage = Collections.unmodifiableMap(new EnumMap<>(perMessage.isEmpty()
                ? Map.of(Channel.SMS, 0.0) : perMessage));
    }

    static Costs read(Section s) {
        String currency = s.string("currency", "USD");
        Map<Channel, Double> prices = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) {
            if (s.has(c.id())) {
                prices.put(c, s.number(c.id(), 0.0, 0.0, 1_000_000.0));
            }
        }
        s.finish();
        return new Costs(currency, prices);
    }

    public double price(Channel c) {
        return perMessage.getOrDefault(c, 0.0);
    }
}
