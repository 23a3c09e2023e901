package dev.otpsim.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        String delayOnly = "delay { type = exponential, mean = 10s }";
        CarrierModel sms = new CarrierModel(Channel.SMS, Hocon.sms(delayOnly), 77, 0);
        CarrierModel voice = new CarrierModel(Channel.VOICE, Hocon.sms(delayOnly), 77, 0);
        int same = 0;
        for (int k = 1; k <= 200; k++) {
            long a = sms.decide(new CarrierMessage(k, Channel.SMS, "u-1", "1", 0, k, 0)).visibleAtMillis();
            long b = voice.decide(new CarrierMessage(k, Channel.VOICE, "u-1", "1", 0, k, 0)).visibleAtMillis();
            same += a == b ? 1 : 0;
        }
        assertTrue(same < 10, same + " of 200 identical delays on two channels");
    }

    /**
     * Common random numbers: the k-th message to a person meets the same delay, loss and duplicate
     * whatever other traffic the carrier saw first — so two variants of a comparison that send
     * different numbers of messages still give each person the same luck.
     */
    @Test
    void theKthMessageToARecipientGetsTheSameDrawsWhateverElseTheCarrierCarried() {
        String faults = """
                delay { type = lognormal, median = 4s, sigma = 0.8 }
                loss { probability = 0.1 }
                duplicate { probability = 0.1, extra-delay { type = exponential, mean = 10s } }
                reorder { probability = 0.1, gap = 20s }
                """;
        CarrierModel quiet = new CarrierModel(Channel.SMS, Hocon.sms(faults), 5, 0);
        CarrierModel busy = new CarrierModel(Channel.SMS, Hocon.sms(faults), 5, 0);
        SplittableRandom noise = new SplittableRandom(3);
        for (int k = 1; k <= 500; k++) {
            for (int extra = noise.nextInt(4); extra > 0; extra--) {
                busy.decide(new CarrierMessage(10_000 + k, Channel.SMS, "u-" + (2 + noise.nextInt(50)), "9", k * 1000L,
                        noise.nextInt(1, 9), 0));
            }
            Decision a = quiet.decide(new CarrierMessage(k, Channel.SMS, "u-1", "1", k * 1000L, k, 0));
            Decision b = busy.decide(new CarrierMessage(k, Channel.SMS, "u-1", "1", k * 1000L, k, 0));
            assertEquals(a.toString(), b.toString(), "message " + k + " to u-1");
        }
    }

    private static List<String> run(long seed) {
        CarrierModel sms = new CarrierModel(Channel.SMS, Hocon.sms(EVERY_FAULT), seed, 0);
        // The message sequence itself comes from a fixed generator, independent of the run seed.
        SplittableRandom traffic = new SplittableRandom(12345);
        List<String> log = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 30_000; i++) {
            t += traffic.nextInt(0, 60); // ~33 msg/s offered against 40 msg/s, bursts overflow the queue
            log.add(sms.decide(new CarrierMessage(i, Channel.SMS, "+1555" + traffic.nextInt(5000), "000000", t, i, 0)).toString());
        }
        return log;
    }
}
