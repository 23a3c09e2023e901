package dev.otpsim.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpsim.carrier.impairment.Capacity;
import dev.otpsim.carrier.impairment.Delay;
import dev.otpsim.distribution.DurationDistribution;
import dev.otpsim.handset.Channel;
import dev.otpsim.config.Problems;
import dev.otpsim.config.ScenarioFiles;
import dev.otpsim.config.Section;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped profiles, included from a scenario as users do, have the figures they claim. */
class CarrierProfilesTest {
    private static final Path PROFILES = Path.of("scenarios/profiles/carriers.conf");
    private static Map<String, CarrierSpec> profiles;

    @BeforeAll
    static void load(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("profiles"));
        Files.copy(PROFILES, dir.resolve("profiles/carriers.conf"));
        Path scenario = dir.resolve("scenario.conf");
        Files.writeString(scenario, """
                include "profiles/carriers.conf"
                carriers.sms = ${carrier-profiles.sms-healthy}
                carriers.email = ${carrier-profiles.email-healthy}
                carriers.voice = ${carrier-profiles.voice}
                incident.sms = ${carrier-profiles.sms-incident}
                congested.sms = ${carrier-profiles.sms-congested}
                """);
        Problems problems = new Problems();
        Section root = Section.root(ScenarioFiles.parse(scenario), problems);
        Map<Channel, CarrierSpec> healthy = CarrierSpecs.read(root.section("carriers"));
        CarrierSpec incident = CarrierSpecs.read(root.section("incident")).get(Channel.SMS);
        CarrierSpec congested = CarrierSpecs.read(root.section("congested")).get(Channel.SMS);
        problems.throwIfAny();
        profiles = Map.of("sms-healthy", healthy.get(Channel.SMS), "email-healthy", healthy.get(Channel.EMAIL),
                "voice", healthy.get(Channel.VOICE), "sms-incident", incident, "sms-congested", congested);
    }

    @Test
    void smsHealthyHasP50About4sP95About12sP99Under30s() {
        DurationDistribution d = delay("sms-healthy");
        assertEquals(4_000, d.quantileMillis(0.50), 100);
        assertEquals(12_000, d.quantileMillis(0.95), 500);
        assertEquals(28_000, d.quantileMillis(0.99), 1_500);
        assertTrue(d.quantileMillis(0.99) < 30_000);
        long[] s = sample(d);
        assertEquals(4_000, s[50_000 - 1], 100);
        assertEquals(12_000, s[95_000 - 1], 500);
        assertEquals(28_000, s[99_000 - 1], 2_500);
    }

    @Test
    void smsIncidentHasATailToAbout31Minutes() {
        DurationDistribution d = delay("sms-incident");
        assertTrue(d.quantileMillis(0.90) >= 5 * 60_000);
        assertTrue(d.quantileMillis(0.99) >= 10 * 60_000);
        assertEquals(31 * 60_000, d.quantileMillis(0.999999), 60_000);
        assertTrue(sample(d)[99_999] <= 31 * 60_000);
    }

    @Test
    void emailHealthyHasMedianUnder5sP95Under30sP99Under2min() {
        DurationDistribution d = delay("email-healthy");
        long[] s = sample(d);
        assertTrue(d.quantileMillis(0.5) < 5_000 && s[50_000 - 1] < 5_000);
        assertTrue(d.quantileMillis(0.95) < 30_000 && s[95_000 - 1] < 30_000);
        assertTrue(d.quantileMillis(0.99) < 120_000 && s[99_000 - 1] < 120_000);
    }

    @Test
    void voiceAndCongestedAreWhatTheySay() {
        DurationDistribution voice = delay("voice");
        assertTrue(voice.quantileMillis(0.01) > 4_000 && voice.quantileMillis(0.99) < 25_000);
        CarrierSpec congested = profiles.get("sms-congested");
        assertTrue(congested.impairments().contains(new Capacity(10, 3000)), congested::describe);
        assertEquals(delay("sms-healthy"), delay("sms-congested"));
    }

    private static DurationDistribution delay(String profile) {
        return profiles.get(profile).impairments().stream().filter(i -> i instanceof Delay).map(i -> ((Delay) i)
                .distribution()).findFirst().orElseThrow();
    }

    private static long[] sample(DurationDistribution d) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(2026);
        long[] s = new long[100_000];
        for (int i = 0; i < s.length; i++) {
            s[i] = d.sampleMillis(rng);
        }
        Arrays.sort(s);
        return s;
    }
}
