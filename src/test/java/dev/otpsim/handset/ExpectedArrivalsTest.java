package dev.otpsim.handset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A handset knows when the messages on their way to it become visible, so its person can sleep until then. */
class ExpectedArrivalsTest {
    private final Handsets handsets = new Handsets();
    private final Handset phone = handsets.register("u-1");

    private static Handset.Message copy(long id, long at, boolean duplicate) {
        return new Handset.Message(id, Channel.SMS, "123456", 0, at, duplicate);
    }

    @Test
    void nothingOnItsWayMeansNothingExpected() {
        assertEquals(Handset.NOTHING_EXPECTED, phone.nextArrivalMillis());
    }

    @Test
    void aMessageIsUndecidedUntilItsCarrierPlansItThenExpectedAtThatTime() {
        phone.onItsWay(7);
        assertEquals(Handset.UNDECIDED, phone.nextArrivalMillis());
        phone.expect(7, 4_000);
        assertEquals(4_000, phone.nextArrivalMillis());
        phone.deliver(copy(7, 4_000, false));
        assertEquals(Handset.NOTHING_EXPECTED, phone.nextArrivalMillis());
    }

    @Test
    void theEarliestOfSeveralIsNextAndADuplicateIsExpectedAfterTheFirstCopy() {
        phone.onItsWay(1);
        phone.onItsWay(2);
        phone.expect(1, 9_000);
        assertEquals(Handset.UNDECIDED, phone.nextArrivalMillis(), "message 2 is still being decided");
        phone.expect(2, 3_000);
        phone.expect(2, 12_000); // its duplicate
        assertEquals(3_000, phone.nextArrivalMillis());
        phone.deliver(copy(2, 3_000, false));
        assertEquals(9_000, phone.nextArrivalMillis());
        phone.deliver(copy(1, 9_000, false));
        assertEquals(12_000, phone.nextArrivalMillis(), "the duplicate of 2 is still to come");
        phone.deliver(copy(2, 12_000, true));
        assertEquals(Handset.NOTHING_EXPECTED, phone.nextArrivalMillis());
    }

    @Test
    void aLateCopyStaysExpectedAtItsPlannedTimeUntilItLands() {
        phone.expect(5, 1_000); // a carrier used without the gateway: no onItsWay first
        assertEquals(1_000, phone.nextArrivalMillis());
        phone.deliver(copy(5, 1_300, false)); // the timer fired late: visible later than planned
        assertEquals(Handset.NOTHING_EXPECTED, phone.nextArrivalMillis());
    }

    @Test
    void aLostMessageIsNotComing() {
        phone.onItsWay(3);
        phone.onItsWay(4);
        phone.notComing(3);
        phone.expect(4, 2_000);
        assertEquals(2_000, phone.nextArrivalMillis());
    }

    @Test
    void aRetiredHandsetExpectsNothing() {
        phone.onItsWay(1);
        phone.expect(2, 2_000);
        handsets.retire(phone);
        assertEquals(Handset.NOTHING_EXPECTED, phone.nextArrivalMillis());
        phone.onItsWay(3);
        phone.expect(3, 5_000);
        assertEquals(Handset.NOTHING_EXPECTED, phone.nextArrivalMillis());
    }

    @Test
    void manyAtOnceGrowTheList() {
        for (int i = 0; i < 20; i++) {
            phone.expect(i, 10_000 - i);
        }
        assertEquals(10_000 - 19, phone.nextArrivalMillis());
    }
}
