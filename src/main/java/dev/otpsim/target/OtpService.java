package dev.otpsim.target;

import dev.otpsim.clock.SimClock;
import dev.otpsim.clock.TimeQueue;
import dev.otpsim.handset.Channel;
import dev.otpsim.totp.Totp;
import dev.otpsim.totp.TotpClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The reference target's policy logic, in plain Java: no HTTP, no wall clock. The HTTP layer
 * ({@link TargetServer}) and a future discrete-event driver call the same two methods.
 *
 * <pre>{@code
 * OtpService service = new OtpService(TargetPolicy.defaults(), clock,
 *         new HttpGatewayOutbox(URI.create("http://127.0.0.1:8025")), new SecureRandom());
 * SendResult sent = service.send("u-17", Channel.SMS);
 * VerifyResult answer = service.verify("u-17", "123456");
 * }</pre>
 *
 * <h2>Rules, where the SPEC leaves room</h2>
 * <ul>
 *   <li>A locked person is refused both sends and verifications (423), whatever
 *       {@code attempts-reset-on-resend} says; the lock lifts after {@code lockout} with a fresh
 *       count of attempts. Reaching {@code max-attempts} also discards the person's codes.</li>
 *   <li>A refused send reports the limit that lasts longer when both apply, so waiting
 *       {@code retryAfterMs} really lets the next send through.</li>
 *   <li>Verification compares the typed code with every retained code in constant time. A match
 *       on a valid code is accepted and consumed (all codes of that person are discarded, the
 *       failure count is cleared; send history stays so a completed sign-in cannot be used to
 *       flood). A match on a code past its ttl answers 410 and is not a failed attempt: the
 *       person typed a real code, and it reveals nothing to a guesser. Everything else — a
 *       superseded code under {@code latest-only}, a consumed code, garbage — is 401 and counts.</li>
 *   <li>Under {@code same-code} a resend re-sends the current code with its original expiry.</li>
 *   <li>Authenticator apps (RFC 6238, policy {@code totp}): for a person with an enrolled secret, a
 *       typed code is also checked against the codes of the current time step ± {@code window}
 *       steps, on the clock the service reads ({@link TotpClock}). A match is accepted like a sent
 *       code (every code discarded, failures cleared) and its step remembered; under
 *       {@code replay = refuse} a code of that step or an earlier one is refused afterwards. A refused
 *       authenticator code is a failed attempt like any other wrong code. No carrier is involved:
 *       the person's app computes the code from the same secret.</li>
 *   <li>A send the outbox cannot take (its hand-over queue is full) is answered
 *       {@link SendResult.Unavailable} and changes nothing: no code, no cooldown, no send counted,
 *       no attempts reset.</li>
 *   <li>Memory: a person's state is forgotten once it can no longer matter — not locked, no send
 *       left in the window or cooldown, every code expired at least one {@code code-ttl} ago (so
 *       "expired" is answered for that long after expiry, "invalid" afterwards), and no failure
 *       within the last {@code lockout} — by a sweep that runs at most once a simulated minute and
 *       visits only the people whose time to be forgotten has come (a queue ordered by that time).</li>
 * </ul>
 */
public final class OtpService {
    /** Superseded and expired codes kept to tell "expired" from "invalid"; valid ones are never dropped. */
    static final int RETAINED_CODES = 8;
    static final long SWEEP_EVERY_MS = 60_000;

    private final TargetPolicy policy;
    private final SimClock clock;
    private final Outbox outbox;
    private final RandomGenerator random;
    private final TotpEnrolments enrolments;
    private final TotpClock totpClock;
    private final Totp totp;
    private final Map<String, byte[]> enrolledHere = new ConcurrentHashMap<>();
    private final LongAdder replaysRefused = new LongAdder();
    private final Map<String, PersonState> people = new ConcurrentHashMap<>();
    // People by the time they may be forgotten at the earliest: the sweep visits only those due,
    // instead of every person remembered. Guarded by its own monitor, taken after a person's.
    private final TimeQueue<PersonState> sweepQueue = new TimeQueue<>(256);
    private final long quietAfterSendMs;
    private final long ttlMs;
    private final long lockoutMs;
    private final AtomicLong lastSweepMs;
    private final LongAdder guessesEvaluated = new LongAdder();
    private final LongAdder codesHandedOver = new LongAdder();
    private final LongAdder sendsUnavailable = new LongAdder();

    /**
     * @param policy the knobs
     * @param clock  simulated time; every duration of the policy is read on it
     * @param outbox where codes go; called under the person's lock, must not block or throw; when it
     *               cannot take a code the send is answered {@link SendResult.Unavailable}
     * @param random source of code digits: {@link java.security.SecureRandom} in production,
     *               a seeded generator only in tests and simulations
     */
    public OtpService(TargetPolicy policy, SimClock clock, Outbox outbox, RandomGenerator random) {
        this(policy, clock, outbox, random, TotpEnrolments.NONE, TotpClock.SIMULATED);
    }

    /**
     * A service that also knows people's authenticator secrets.
     *
     * @param enrolments who has an authenticator app, and their secret (people can also {@link #enrol} here)
     * @param totpClock  the Unix time authenticator codes are made from, against {@code clock}'s simulated time
     */
    public OtpService(TargetPolicy policy, SimClock clock, Outbox outbox, RandomGenerator random,
                      TotpEnrolments enrolments, TotpClock totpClock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.random = Objects.requireNonNull(random, "random");
        this.enrolments = Objects.requireNonNull(enrolments, "enrolments");
        this.totpClock = Objects.requireNonNull(totpClock, "totpClock");
        this.totp = policy.totp().totp();
        this.lastSweepMs = new AtomicLong(clock.nowMillis());
        this.quietAfterSendMs = Math.max(policy.maxSendsWindow().toMillis(), policy.resendCooldown().toMillis());
        this.ttlMs = policy.codeTtl().toMillis();
        this.lockoutMs = policy.lockout().toMillis();
    }

    public TargetPolicy policy() {
        return policy;
    }

    /** Asks for a code to be sent to {@code user} over {@code channel}. */
    public SendResult send(String user, Channel channel) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(channel, "channel");
        return withPerson(user, (s, now) -> {
            s.liftLockIfOver(now);
            if (s.lockedAt(now)) {
                return new SendResult.Locked(s.lockedUntilMs - now);
            }
            SendResult.RateLimited limited = rateLimit(s, now);
            if (limited != null) {
                return limited;
            }
            IssuedCode current = s.current();
            boolean fresh = policy.rotation() != Rotation.SAME_CODE || current == null || current.expiredAt(now);
            IssuedCode code = fresh ? draw(now) : current;
            String text = code.text();
            // Handed over before anything is recorded: a code the outbox cannot take was never issued.
            if (!outbox.sendCode(channel, user, text, code.expiresAtMs() - now, s.sendsAccepted + 1)) {
                sendsUnavailable.increment();
                return new SendResult.Unavailable();
            }
            if (fresh) {
                keep(s, code, now);
            }
            if (policy.attemptsResetOnResend()) {
                // The known bypass, modelled on purpose: each send buys max-attempts new guesses.
                s.failures = 0;
                s.lastFailureAtMs = PersonState.NEVER;
            }
            s.sends.add(now);
            s.lastSendAtMs = now;
            s.sendsAccepted++;
            codesHandedOver.increment();
            return new SendResult.Sent(text, code.issuedAtMs(), code.expiresAtMs(), fresh);
        });
    }

    /** Checks a code typed by {@code user}. */
    public VerifyResult verify(String user, String typed) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(typed, "typed");
        byte[] guess = typed.getBytes(StandardCharsets.UTF_8);
        byte[] secret = secretOf(user);
        return withPerson(user, (s, now) -> {
            s.liftLockIfOver(now);
            if (s.lockedAt(now)) {
                return new VerifyResult.Locked(s.lockedUntilMs - now);
            }
            guessesEvaluated.increment();
            long step = secret == null || typed.length() != totp.digits() ? Totp.NO_STEP
                    : totp.matchStep(secret, typed, totp.stepAt(totpClock.unixMillis(now)), policy.totp().window());
            if (step != Totp.NO_STEP) {
                boolean replay = s.lastTotpStep != PersonState.NEVER && step <= s.lastTotpStep;
                if (!replay || !policy.totp().refuseReplay()) {
                    s.lastTotpStep = Math.max(step, s.lastTotpStep);
                    s.codes.clear();
                    s.failures = 0;
                    s.lastFailureAtMs = PersonState.NEVER;
                    return new VerifyResult.Accepted();
                }
                replaysRefused.increment(); // RFC 6238 §5.2: a code is accepted once; this try counts as failed
            }
            int valid = -1;
            boolean expired = false;
            int last = s.codes.size() - 1;
            // No early exit: the time taken must not depend on which code matched.
            for (int i = 0; i <= last; i++) {
                IssuedCode c = s.codes.get(i);
                boolean same = MessageDigest.isEqual(c.digits(), guess);
                boolean usable = !c.expiredAt(now) && (i == last || policy.rotation() == Rotation.ANY_UNEXPIRED);
                if (same && usable) {
                    valid = i;
                } else if (same && c.expiredAt(now)) {
                    expired = true;
                }
            }
            if (valid >= 0) {
                s.codes.clear();
                s.failures = 0;
                s.lastFailureAtMs = PersonState.NEVER;
                return new VerifyResult.Accepted();
            }
            if (expired) {
                return new VerifyResult.Expired();
            }
            s.failures++;
            s.lastFailureAtMs = now;
            if (s.failures >= policy.maxAttempts()) {
                s.lockedUntilMs = now + policy.lockout().toMillis();
                s.codes.clear();
            }
            return new VerifyResult.Invalid();
        });
    }

    /**
     * Enrols {@code user} for an authenticator app: a new random secret (as long as the hash's
     * output), replacing any earlier one, which the caller shows the person (e.g. as an
     * {@code otpauth://} URI, {@link Totp#otpauthUri}).
     */
    public byte[] enrol(String user) {
        Objects.requireNonNull(user, "user");
        byte[] secret = new byte[totp.algorithm().keyBytes()];
        random.nextBytes(secret);
        enrolledHere.put(user, secret);
        return secret.clone();
    }

    /** How authenticator codes are made here (algorithm, digits, step). */
    public Totp totp() {
        return totp;
    }

    /** Authenticator codes refused because their step had already been used (replay = refuse). */
    public long replaysRefused() {
        return replaysRefused.sum();
    }

    /** Verifications actually evaluated against codes (locked refusals are not counted). */
    public long guessesEvaluated() {
        return guessesEvaluated.sum();
    }

    /** Codes handed to the outbox, fresh and re-sent alike. */
    public long codesHandedOver() {
        return codesHandedOver.sum();
    }

    /** Sends answered "unavailable" (503) because the outbox could not take the code; none was issued. */
    public long sendsUnavailable() {
        return sendsUnavailable.sum();
    }

    /**
     * Codes handed over whose delivery to the carriers failed afterwards, by reason — for a run's
     * summary: every one is a code the target accepted to send (202) that no carrier will deliver.
     */
    public java.util.Map<String, Long> failedHandOvers() {
        return outbox.failedHandOvers();
    }

    /** People the service currently remembers. */
    public int peopleRemembered() {
        return people.size();
    }

    /** Forgets every person whose state can no longer change an answer; returns how many. */
    public int forgetIdle() {
        long now = clock.nowMillis();
        long[] dueTimes = new long[16];
        List<PersonState> dueStates = new ArrayList<>();
        synchronized (sweepQueue) {
            while (sweepQueue.size() > 0 && sweepQueue.nextTime() <= now) {
                if (dueStates.size() == dueTimes.length) {
                    dueTimes = java.util.Arrays.copyOf(dueTimes, 2 * dueTimes.length);
                }
                dueTimes[dueStates.size()] = sweepQueue.nextTime();
                dueStates.add(sweepQueue.poll());
            }
        }
        int forgotten = 0;
        for (int i = 0; i < dueStates.size(); i++) {
            PersonState s = dueStates.get(i);
            synchronized (s) {
                if (s.forgotten || s.sweepAtMs != dueTimes[i]) {
                    continue; // forgotten already, or an entry superseded by an earlier one
                }
                if (now >= s.forgettableAtMs) {
                    s.forgotten = true;
                    people.remove(s.user, s);
                    forgotten++;
                } else {
                    // Busy since it was queued: back in the queue for when it may be forgotten.
                    s.sweepAtMs = s.forgettableAtMs;
                    enqueue(s);
                }
            }
        }
        return forgotten;
    }

    // ---- internals ----------------------------------------------------------------------

    private byte[] secretOf(String user) {
        byte[] here = enrolledHere.get(user);
        return here != null ? here : enrolments.secretOf(user);
    }

    private interface PersonOp<R> {
        R apply(PersonState s, long now);
    }

    private <R> R withPerson(String user, PersonOp<R> op) {
        maybeSweep();
        Function<String, PersonState> create = PersonState::new;
        while (true) {
            PersonState s = people.get(user); // most requests find the person: no bin lock
            if (s == null) {
                s = people.computeIfAbsent(user, create);
            }
            synchronized (s) {
                if (!s.forgotten) {
                    // Read the clock under the lock: decisions for one person happen in time order.
                    R result = op.apply(s, clock.nowMillis());
                    // Kept with the state (which changes only here, under its lock), so that the sweep,
                    // minutes later, reads one field of a state long out of the cache, not its codes.
                    long at = forgettableAtMs(s);
                    s.forgettableAtMs = at;
                    // Queued at most once, at or before the time it may be forgotten: an entry
                    // queued earlier than needed is moved on when the sweep reaches it.
                    if (s.sweepAtMs == PersonState.NOT_QUEUED || at < s.sweepAtMs) {
                        s.sweepAtMs = at;
                        enqueue(s);
                    }
                    return result;
                }
            }
        }
    }

    private void maybeSweep() {
        long now = clock.nowMillis();
        long last = lastSweepMs.get();
        if (now - last >= SWEEP_EVERY_MS && lastSweepMs.compareAndSet(last, now)) {
            forgetIdle();
        }
    }

    private SendResult.RateLimited rateLimit(PersonState s, long now) {
        long windowMs = policy.maxSendsWindow().toMillis();
        s.sends.slide(now, windowMs);
        long tooMany = s.sends.size() >= policy.maxSends() ? s.sends.oldest() + windowMs - now : 0;
        long tooSoon = s.lastSendAtMs == PersonState.NEVER ? 0
                : Math.max(0, s.lastSendAtMs + policy.resendCooldown().toMillis() - now);
        if (tooMany == 0 && tooSoon == 0) {
            return null;
        }
        return tooMany >= tooSoon
                ? new SendResult.RateLimited(SendLimit.TOO_MANY_SENDS, tooMany)
                : new SendResult.RateLimited(SendLimit.RESEND_TOO_SOON, tooSoon);
    }

    /** A new code, not yet the person's: {@link #keep} makes it so once it has been handed over. */
    private IssuedCode draw(long now) {
        byte[] digits = new byte[policy.codeLength()];
        for (int i = 0; i < digits.length; i++) {
            digits[i] = (byte) ('0' + random.nextInt(10));
        }
        return new IssuedCode(digits, now, now + policy.codeTtl().toMillis());
    }

    private void keep(PersonState s, IssuedCode code, long now) {
        s.codes.add(code);
        trimCodes(s, now);
    }

    /** Drops the oldest codes that can only ever answer 401/410, keeping the count small. */
    private void trimCodes(PersonState s, long now) {
        int i = 0;
        while (s.codes.size() > RETAINED_CODES && i < s.codes.size() - 1) {
            IssuedCode c = s.codes.get(i);
            if (policy.rotation() != Rotation.ANY_UNEXPIRED || c.expiredAt(now)) {
                s.codes.remove(i);
            } else {
                i++;
            }
        }
    }

    /**
     * When the person's state can no longer change an answer, if nothing happens to them before:
     * not locked, no send left in the window or cooldown, every code expired at least one ttl ago,
     * no failure within the last lockout. {@link Long#MIN_VALUE} when that is already so.
     */
    private long forgettableAtMs(PersonState s) {
        long at = Long.MIN_VALUE;
        if (s.lockedUntilMs != PersonState.NEVER) {
            at = s.lockedUntilMs;
        }
        if (s.lastSendAtMs != PersonState.NEVER) {
            at = Math.max(at, s.lastSendAtMs + quietAfterSendMs);
        }
        // Expired codes are kept one more ttl so a late typist still hears "expired", not "invalid".
        for (int i = 0; i < s.codes.size(); i++) {
            at = Math.max(at, s.codes.get(i).expiresAtMs() + ttlMs);
        }
        // A used authenticator step is remembered while a replay of it could still fall in the window.
        if (s.lastTotpStep != PersonState.NEVER) {
            // Unix time is simulated time plus a fixed offset: the step leaves the window at
            // Unix (step + window + 1) × X.
            long now = clock.nowMillis();
            long offset = totpClock.unixMillis(now) - now;
            at = Math.max(at, (s.lastTotpStep + policy.totp().window() + 1) * totp.stepMillis() - offset);
        }
        // A failure count is forgotten only after a quiet spell as long as a lockout: waiting
        // it out gains a guesser nothing over being locked.
        if (s.failures != 0) {
            at = Math.max(at, s.lastFailureAtMs + lockoutMs);
        }
        return at;
    }

    /** Called holding the person's lock. */
    private void enqueue(PersonState s) {
        synchronized (sweepQueue) {
            sweepQueue.add(s.sweepAtMs, s);
        }
    }

    /** The text handed to the carrier; the gateway finds the code in it. */
    static String messageBody(String code, long remainingMs) {
        return "Your otpsim code is " + code + ". It expires in " + humanDuration(remainingMs) + ".";
    }

    private static String humanDuration(long ms) {
        if (ms >= 60_000) {
            long minutes = (ms + 59_999) / 60_000;
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        long seconds = Math.max(1, (ms + 999) / 1000);
        return seconds + (seconds == 1 ? " second" : " seconds");
    }
}
