package dev.otpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep over the share of people on authenticator apps: the decision view counts recoveries and prices them. */
class CompareAuthenticatorTest {
    static final String BASE = """
            name = apps
            seed = 5
            target.policy { rotation = latest-only, resend-cooldown = 15s, max-attempts = 3, lockout = 30m }
            carriers.sms { delay { type = pareto, scale = 2852ms, shape = 2.05, cap = 2m } }
            people.profile {
              resend-wait = 15s, patience = { type = uniform, min = 15s, max = 25s }, reaction = 3s
              typo-rate = 0.05, code-choice = first, max-resends = 4, give-up-after = 10m
              authenticator { share = 0 }
              fallback { after-resends = 3, order = [recovery] }
            }
            recovery { delay = 2d, cost = 15, currency = EUR }
            load { rate = 5, duration = 4m }
            """;

    @Test
    void recoveriesPerThousandJourneysAndTheirCostBesideMessages(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("apps.conf"), BASE);
        Path sweep = dir.resolve("compare-apps.conf");
        Files.writeString(sweep, """
                base = "apps.conf"
                vary { "people.profile.authenticator.share" = [0, 0.6] }
                costs { currency = EUR, sms = 0.05 }
                """);
        Path out = dir.resolve("reports");
        assertEquals(Main.OK, Main.execute("compare", sweep.toString(), "--out", out.toString(), "--replications", "3"));
        Path compareDir;
        try (Stream<Path> s = Files.list(out)) {
            compareDir = s.filter(p -> p.getFileName().toString().endsWith("-compare-apps")).findFirst().orElseThrow();
        }
        JsonNode json = new ObjectMapper().readTree(compareDir.resolve("compare.json").toFile());
        JsonNode none = json.get("variants").get(0).get("decision");
        JsonNode apps = json.get("variants").get(1).get("decision");
        double rate = none.get("recoveryRate").get("value").asDouble();
        assertTrue(rate > 0, "locks send people to recovery: " + none);
        assertEquals(rate * 15, none.get("recoveryCostPer1000").get("value").asDouble(), 1e-9,
                "per 1,000 journeys at 15 per case");
        assertTrue(apps.get("recoveryRate").get("value").asDouble() < rate, "fewer people on SMS, fewer locks");
        assertTrue(apps.get("costPer1000").get("value").asDouble() < none.get("costPer1000").get("value").asDouble(),
                "fewer SMS per sign-in");
        assertTrue(apps.get("recoveryRate").has("vsBaseline"), "a paired difference to the baseline");
        String html = Files.readString(compareDir.resolve("compare.html"));
        assertTrue(html.contains("account recoveries /1,000") && html.contains("recovery cost /1,000 journeys (EUR)"),
                "the decision view shows them");
        assertTrue(Files.size(compareDir.resolve("charts/recoveryRate.png")) > 0, "and a chart against the share");
    }
}
