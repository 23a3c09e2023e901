package dev.otpsim.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.carrier.impairment.Capacity;
import dev.otpsim.carrier.impairment.GilbertElliottLoss;
import dev.otpsim.handset.Channel;
import dev.otpsim.config.ScenarioException;
import dev.otpsim.config.ScenarioProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading {@code carriers { ... }}: every fault by its key, every mistake reported with its key. */
class CarrierSpecsTest {

    @Test
    void readsEveryImpairmentByItsKey() {
        Map<Channel, CarrierSpec> specs = Hocon.carriers("""
                sms {
                  delay { type = lognormal, median = 4s, sigma = 0.75, cap = 30m }
                  loss { model = gilbert-elliott, p = 0.01, r = 0.25, loss-in-bad = 0.9 }
                  duplicate { probability = 0.02, extra-delay = 5s }
                  reorder { probability = 0.05, gap = 20s }
                  outages = [ { start = 2m, end = 5m, mode = hold } ]
                  capacity { rate = 10, queue-limit = 2000 }
                  unreachable { share = 0.05, from = 0s, for = 10m, validity = 24h }
                  instances = 2
                }
                email { }
                """);
        CarrierSpec sms = specs.get(Channel.SMS);
        assertEquals(7, sms.impairments().size());
        assertEquals(2, sms.instances());
        assertTrue(sms.impairments().contains(new Capacity(10, 2000)));
        assertTrue(sms.impairments().contains(new GilbertElliottLoss(0.01, 0.25, 0.9, 0)));
        assertEquals(List.of(), specs.get(Channel.EMAIL).impairments());
        assertEquals(CarrierSpec.PERFECT, CarrierSpecs.specFor(specs, Channel.VOICE));
    }

    @Test
    void refusesUnknownChannelsKeysAndBadValues() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> Hocon.carriers("""
                fax { delay = 1s }
                sms {
                  dealy = 2s
                  loss { probability = 1.5 }
                  outages = [ { start = 5m, end = 2m, mode = hold }, { start = 1m, end = 2m, mode = maybe } ]
                  capacity { rate = 0 }
                }
                """));
        List<String> keys = e.problems().stream().map(ScenarioProblem::key).toList();
        assertTrue(keys.contains("carriers.fax"), keys::toString);
        assertTrue(keys.contains("carriers.sms.dealy"), keys::toString);
        assertTrue(keys.contains("carriers.sms.loss.probability"), keys::toString);
        assertTrue(keys.contains("carriers.sms.outages[0].end"), keys::toString);
        assertTrue(keys.contains("carriers.sms.outages[1].mode"), keys::toString);
        assertTrue(keys.contains("carriers.sms.capacity.rate"), keys::toString);
        assertTrue(e.problems().stream().allMatch(p -> p.line() > 0), e::getMessage);
    }

    @Test
    void capacityIsSharedAmongInstances() {
        Capacity c = new Capacity(10, 1001);
        assertEquals(new Capacity(5, 501), c.shareOf(2));
        assertEquals(c, c.shareOf(1));
    }
}
