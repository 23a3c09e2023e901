package dev.otpsim.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.otpsim.handset.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Same scenario + same seed ⇒ the same decision log for the same message sequence. */
class DeterminismTest {
    private static final String EVERY_FAULT = """
            delay { type = lognormal, median = 4s, sigma = 0.8, cap = 30m }
            loss { model = gilbert-elliott, p = 0.02, r = 0.3, loss-in-bad = 0.8 }
            duplicate { probability = 0.03, extra-delay { type = exponential, mean = 10s } }
            reorder { probability = 0.05, gap = 20s }
            outages = [ { start = 2m, end = 3m, mode = hold }, { start = 6m, end = 7m, mode = drop } ]
            capacity { rate = 40, queue-limit = 300 }
            unreachable { share = 0.1, from = 1m, for = 5m, validity = 4m }
            """;

    @Test
    void twoRunsWithOneSeedGiveIdenticalDecisionLogs() {
        List<String> first = run(77L);
        List<String> second = run(77L);
        assertEquals(first, second);
        // The log is not trivially constant: every kind of decision shows up.
        String all = String.join("\n", first);
        for (String kind : new String[] {"lost loss", "lost outage", "lost queue-full", "lost expired-unreachable",
                                         "duplicate="}) {
            assertEquals(true, all.contains(kind), "no \"" + kind + "\" in the log");
        }
    }

    @Test
    void anotherSeedGivesOtherDecisions() {
        assertNotEquals(run(77L), run(78L));
    }

    @Test
    void channelsDrawFromIndependentStreams() {
        assertNotEquals(CarrierModel.seedFor(1, Channel.SMS, 0), CarrierModel.seedFor(1, Channel.VOICE, 0));
        assertNotEquals(CarrierModel.seedFor(1, Channel.SMS, 0), CarrierModel.seedFor(1, Channel.SMS, 1));
    }

    private static List<String> run(long seed) {
        CarrierModel sms = new CarrierModel(Channel.SMS, Hocon.sms(EVERY_FAULT), seed, 0);
        // The message sequence itself comes from a fixed generator, independent of the run seed.
        SplittableRandom traffic = new SplittableRandom(12345);
        List<String> log = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 30_000; i++) {
            t += traffic.nextInt(0, 60); // ~33 msg/s offered against 40 msg/s, bursts overflow the queue
            log.add(sms.decide(new CarrierMessage(i, Channel.SMS, "+1555" + traffic.nextInt(5000), "000000", t)).toString());
        }
        return log;
    }
}
