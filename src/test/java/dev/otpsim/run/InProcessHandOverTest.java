package dev.otpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.carrier.DeliveryEvents;
import dev.otpsim.carrier.gateway.CodeExtractor;
import dev.otpsim.carrier.gateway.MessageIntake;
import dev.otpsim.carrier.gateway.RecipientPolicy;
import dev.otpsim.clock.ManualClock;
import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handsets;
import dev.otpsim.target.OtpService;
import dev.otpsim.target.SendResult;
import dev.otpsim.target.TargetPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class InProcessHandOverTest {

    @Test
    void theTargetsCodeReachesTheCarrierAsIssuedWithNoTextToReadItFrom() {
        List<CarrierMessage> carried = new ArrayList<>();
        Handsets handsets = new Handsets();
        handsets.register("u-1");
        // A pattern that finds nothing, and ten-digit codes the default pattern (4–8 digits) would
        // not find either: the in-process hand-over must not depend on reading the text.
        MessageIntake intake = new MessageIntake(new CodeExtractor(Pattern.compile("(?!)")), new ManualClock(),
                handsets, RecipientPolicy.KNOWN_ONLY, new DeliveryEvents() { }, carried::add);
        OtpService service = new OtpService(TargetPolicy.defaults().withCode(10, Duration.ofMinutes(10))
                .withResendCooldown(Duration.ZERO), new ManualClock(), new InProcessHandOver(intake),
                new SplittableRandom(3));
        SendResult.Sent first = assertInstanceOf(SendResult.Sent.class, service.send("u-1", Channel.SMS));
        SendResult.Sent second = assertInstanceOf(SendResult.Sent.class, service.send("u-1", Channel.SMS));
        assertEquals(2, carried.size());
        assertEquals(first.code(), carried.get(0).code());
        assertEquals(10, carried.get(0).code().length());
        assertEquals(1, carried.get(0).sendNumber());
        assertEquals(second.code(), carried.get(1).code());
        assertEquals(2, carried.get(1).sendNumber());
        assertEquals("u-1", carried.get(1).to());
    }
}
