package dev.otpsim.carrier;

import dev.otpsim.carrier.impairment.LossReason;

import static dev.otpsim.carrier.Hocon.message;
import static dev.otpsim.carrier.Hocon.smsModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.otpsim.carrier.impairment.Unreachable;
import org.junit.jupiter.api.Test;

/** Handsets out of coverage: store-and-forward within the validity period. */
class UnreachableTest {

    @Test
    void theShareOutOfCoverageDependsOnlyOnAddressAndSeed() {
        Unreachable u = new Unreachable(0.3, 0, 60_000, 3_600_000);
        int n = 100_000;
        int affected = 0;
        for (int i = 0; i < n; i++) {
            boolean a = u.affects("+1555" + i, 42L);
            assertEquals(a, u.affects("+1555" + i, 42L));
            affected += a ? 1 : 0;
        }
        FaultModelTest.assertWithin(0.3, affected, n);
        int same = 0;
        for (int i = 0; i < 1000; i++) {
            same += u.affects("+1555" + i, 42L) == u.affects("+1555" + i, 43L) ? 1 : 0;
        }
        // Another seed picks other people (agreement ≈ 0.3² + 0.7² = 0.58, not 1).
        assertEquals(0.58, same / 1000.0, 0.06);
    }

    @Test
    void messagesToUnreachableHandsetsArriveInABurstWhenCoverageReturns() {
        CarrierModel sms = smsModel("delay = 1s, unreachable { share = 1, from = 1m, for = 10m, validity = 1h }", 9L);
        for (long t = 0; t < 1_000_000; t += 1_000) {
            Decision d = sms.decide(message(t, "+15550001", t));
            assertFalse(d.isLost());
            long arrives = t + 1_000;
            boolean gap = arrives >= 60_000 && arrives < 660_000;
            assertEquals(gap ? 660_000 : arrives, d.visibleAtMillis(), "message at " + t);
        }
    }

    @Test
    void messagesExpireWhenCoverageReturnsAfterTheValidityPeriod() {
        CarrierModel sms = smsModel("unreachable { share = 1, from = 0s, for = 30m, validity = 10m }", 9L);
        Decision early = sms.decide(message(1, "+15550001", 5 * 60_000));
        assertEquals(LossReason.EXPIRED_UNREACHABLE, early.loss());
        assertEquals(15 * 60_000, early.lostAtMillis());
        Decision late = sms.decide(message(2, "+15550001", 25 * 60_000));
        assertEquals(30 * 60_000, late.visibleAtMillis()); // 5 min wait: within validity
    }

    @Test
    void nobodyIsUnreachableWithAZeroShare() {
        CarrierModel sms = smsModel("unreachable { share = 0, from = 0s, for = 30m }", 9L);
        for (int i = 0; i < 1000; i++) {
            assertEquals(100, sms.decide(message(i, "p" + i, 100)).visibleAtMillis());
        }
    }
}
