package dev.otpsim.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.otpsim.target.TargetProtocol.Identity;
import org.junit.jupiter.api.Test;

class AnswerShapeTest {
    private static final Identity ANN = new Identity(17, "+15550000017", "+15550000017");
    private static final Identity BOB = new Identity(9_000_001, "ghost-9000001", "ghost-9000001");

    @Test
    void numbersIdsAndTimesAreBlanked() {
        assertEquals("423 {\"error\":\"locked\",\"retryAfterMs\":#}",
                AnswerShape.of(423, "{\"error\":\"locked\",\"retryAfterMs\":1799000}", ANN));
        assertEquals(AnswerShape.of(400, "{\"error\":\"invalid_code\",\"request\":\"a8f3e2-77c1\",\"at\":\"2026-12-01T10:00:01Z\"}", ANN),
                AnswerShape.of(400, "{\"error\":\"invalid_code\",\"request\":\"0b9d41-1e2f\",\"at\":\"2026-12-01T10:00:02Z\"}", ANN));
    }

    @Test
    void theIdentityIsBlankedHoweverItIsWritten() {
        String ann = AnswerShape.of(400, "{\"error\":\"invalid\",\"user\":\"+15550000017\"}", ANN);
        String bob = AnswerShape.of(400, "{\"error\":\"invalid\",\"user\":\"ghost-9000001\"}", BOB);
        assertEquals(ann, bob);
        assertEquals("400 no code for {who}", AnswerShape.of(400, "no code for %2B15550000017", ANN));
    }

    @Test
    void differentWordsOrStatusesDiffer() {
        assertNotEquals(AnswerShape.of(400, "{\"error\":\"invalid_code\"}", ANN),
                AnswerShape.of(400, "{\"error\":\"no_active_code\"}", ANN));
        assertNotEquals(AnswerShape.of(400, "{}", ANN), AnswerShape.of(404, "{}", ANN));
        assertEquals("no answer", AnswerShape.of(-1, null, ANN));
    }
}
