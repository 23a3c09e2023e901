package dev.otpsim.carrier;

import dev.otpsim.handset.Channel;
import dev.otpsim.config.Section;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code carriers} object of a scenario: one carrier per channel name.
 *
 * <pre>{@code
 * Map<Channel, CarrierSpec> specs = CarrierSpecs.read(root.section("carriers"));
 * problems.throwIfAny();
 * }</pre>
 */
public final class CarrierSpecs {
    private CarrierSpecs() {
    }

    /**
     * Every channel configured under {@code carriers}; unknown channel names are problems.
     * Channels left out are absent from the map (see {@link #specFor}).
     */
    public static Map<Channel, CarrierSpec> read(Section carriers) {
        Map<Channel, CarrierSpec> out = new EnumMap<>(Channel.class);
        for (String name : carriers.keys()) {
            carriers.allow(name); // unknown names get the clearer problem below, once
            Optional<Channel> channel = Channel.fromId(name);
            if (channel.isEmpty()) {
                carriers.problem(name, "unknown channel; expected one of "
                        + Channel.IDS);
                continue;
            }
            out.put(channel.get(), CarrierSpec.read(carriers.section(name)));
        }
        return out;
    }

    /** The spec for {@code channel}: a channel the scenario leaves out is a perfect carrier. */
    public static CarrierSpec specFor(Map<Channel, CarrierSpec> specs, Channel channel) {
        return specs.getOrDefault(channel, CarrierSpec.PERFECT);
    }
}
