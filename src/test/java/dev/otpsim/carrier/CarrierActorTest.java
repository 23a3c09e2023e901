package dev.otpsim.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.ActorIdentity;
import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.actor.Identify;
import akka.testkit.ExplicitlyTriggeredScheduler;
import akka.testkit.javadsl.TestKit;
import com.typesafe.config.ConfigFactory;
import dev.otpsim.clock.ManualClock;
import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handset;
import dev.otpsim.handset.Handsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scala.concurrent.duration.FiniteDuration;

/** The carrier actor in virtual time: the scheduler only moves when the test says so. */
class CarrierActorTest {
    private ActorSystem system;
    private ExplicitlyTriggeredScheduler scheduler;
    private TestKit probe;
    private final ManualClock clock = new ManualClock();
    private final Handsets handsets = new Handsets();

    @BeforeEach
    void start() {
        system = ActorSystem.create("carrier-actor-test", ConfigFactory
                .parseString("akka.scheduler.implementation = \"akka.testkit.ExplicitlyTriggeredScheduler\"")
                .withFallback(CarrierSystem.config()));
        scheduler = (ExplicitlyTriggeredScheduler) system.scheduler();
        probe = new TestKit(system);
    }

    @AfterEach
    void stop() {
        TestKit.shutdownActorSystem(system);
    }

    @Test
    void nothingArrivesBeforeTheDelayAndTheMessageArrivesAtIt() {
        Handset phone = handsets.register("+15550001");
        ActorRef sms = carrier("delay = 4s");
        sms.tell(new CarrierActor.Submit(message(1, "+15550001", 0)), ActorRef.noSender());
        processed(sms);

        advance(3_999);
        probe.expectNoMessage(Duration.ofMillis(100));
        assertEquals(0, phone.count());

        advance(1);
        probe.expectMsgEquals("delivered #1 at 4000");
        assertEquals(1, phone.count());
        Handset.Message m = phone.get(0);
        assertEquals(4_000, m.visibleAtMillis());
        assertEquals("123456", m.code());
        assertEquals(0, m.issuedAtMillis());
    }

    @Test
    void aDuplicateArrivesAfterItsExtraDelayAndIsMarked() {
        Handset phone = handsets.register("+15550001");
        ActorRef sms = carrier("delay = 1s, duplicate { probability = 1, extra-delay = 5s }");
        sms.tell(new CarrierActor.Submit(message(7, "+15550001", 0)), ActorRef.noSender());
        probe.expectMsgEquals("duplicated #7 at 6000");
        advance(1_000);
        probe.expectMsgEquals("delivered #7 at 1000");
        advance(4_999);
        probe.expectNoMessage(Duration.ofMillis(100));
        advance(1);
        probe.expectMsgEquals("delivered #7 at 6000 duplicate");
        assertEquals(2, phone.count());
        assertEquals(true, phone.get(1).duplicate());
    }

    @Test
    void lossesAreReportedAtOnceWithTheirReason() {
        ActorRef sms = carrier("outages = [ { start = 0s, end = 1m, mode = drop } ]");
        sms.tell(new CarrierActor.Submit(message(3, "+15550001", 10)), ActorRef.noSender());
        probe.expectMsgEquals("lost #3 outage at 10");
    }

    @Test
    void anUnknownRecipientIsReportedOnceEvenWithADuplicate() {
        ActorRef sms = carrier("delay = 1s, duplicate { probability = 1, extra-delay = 1s }");
        sms.tell(new CarrierActor.Submit(message(4, "nobody", 0)), ActorRef.noSender());
        probe.expectMsgEquals("duplicated #4 at 2000");
        advance(2_000);
        probe.expectMsgEquals("unknown #4 nobody");
        probe.expectNoMessage(Duration.ofMillis(100));
    }

    private ActorRef carrier(String body) {
        CarrierModel model = new CarrierModel(Channel.SMS, Hocon.sms(body), 1L, 0);
        RecordingEvents events = new RecordingEvents(line -> probe.getRef().tell(line, ActorRef.noSender()));
        return system.actorOf(CarrierActor.props(model, clock, handsets, events));
    }

    /** Returns once the actor has handled everything sent to it before (its mailbox is FIFO). */
    private void processed(ActorRef actor) {
        actor.tell(new Identify(1), probe.getRef());
        probe.expectMsgClass(ActorIdentity.class);
    }

    private void advance(long millis) {
        clock.advance(Duration.ofMillis(millis));
        scheduler.timePasses(FiniteDuration.create(millis, TimeUnit.MILLISECONDS));
    }

    private static CarrierMessage message(long id, String to, long issuedAt) {
        return new CarrierMessage(id, Channel.SMS, to, "123456", issuedAt);
    }
}
