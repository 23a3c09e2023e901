package dev.otpsim.person;

import dev.otpsim.totp.Totp;
import dev.otpsim.totp.TotpClock;

/**
 * The authenticator app on a person's phone: shows the code of the phone clock's current time
 * step. No carrier, no delay — but the phone's clock may be off, and the code changes at every
 * step boundary, also while the person types it.
 *
 * <pre>{@code
 * AuthenticatorApp app = new AuthenticatorApp(Totp.defaults(), secret, 20_000, TotpClock.SIMULATED);
 * AppRead r = app.read(nowMillis);              // what the screen shows now
 * long changes = app.nextChangeMillis(r);       // when (true simulated time) the screen shows another code
 * }</pre>
 *
 * @param totp            the service's algorithm, digits and step (from the enrolment QR code)
 * @param secret          the shared secret
 * @param clockSkewMillis the phone's clock minus the true time
 * @param clock           the Unix time codes are made from, against simulated time
 */
public record AuthenticatorApp(Totp totp, byte[] secret, long clockSkewMillis, TotpClock clock) {

    /** What the app shows at true simulated time {@code nowMillis}. */
    public AppRead read(long nowMillis) {
        long step = totp.stepAt(clock.unixMillis(nowMillis) + clockSkewMillis);
        return new AppRead(totp.code(secret, step), step, nowMillis);
    }

    /** The first true simulated time after {@code read} at which the app shows the next step's code. */
    public long nextChangeMillis(AppRead read) {
        long phoneAtNextStep = totp.stepStartMillis(read.step() + 1);
        // phone(t) = unix(t) + skew; unix(t) − t is constant, taken at the read.
        long offset = clock.unixMillis(read.readAtMillis()) - read.readAtMillis();
        return Math.max(read.readAtMillis() + 1, phoneAtNextStep - clockSkewMillis - offset);
    }
}
