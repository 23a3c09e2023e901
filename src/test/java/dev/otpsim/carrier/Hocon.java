package dev.otpsim.carrier;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import dev.otpsim.handset.Channel;
import dev.otpsim.config.Problems;
import dev.otpsim.config.Section;
import java.util.Map;

/** Builds carrier specs from HOCON text, as a scenario would. */
final class Hocon {
    private Hocon() {
    }

    static Section root(String hocon, Problems problems) {
        return Section.root(ConfigFactory.parseString(hocon).resolve(ConfigResolveOptions.noSystem()), problems);
    }

    /** Parses {@code carriers { ... }} and fails on any problem. */
    static Map<Channel, CarrierSpec> carriers(String carriersBody) {
        Problems problems = new Problems();
        Map<Channel, CarrierSpec> specs = CarrierSpecs.read(root("carriers {" + carriersBody + "}", problems)
                .section("carriers"));
        problems.throwIfAny();
        return specs;
    }

    /** One SMS carrier from the body of its object. */
    static CarrierSpec sms(String body) {
        return carriers("sms {" + body + "}").get(Channel.SMS);
    }

    static CarrierModel smsModel(String body, long seed) {
        return new CarrierModel(Channel.SMS, sms(body), seed, 0);
    }

    static CarrierMessage message(long id, String to, long issuedAt) {
        return new CarrierMessage(id, Channel.SMS, to, "123456", issuedAt);
    }
}
