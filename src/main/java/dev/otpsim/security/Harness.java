package dev.otpsim.security;

import dev.otpsim.carrier.gateway.CarrierGateway;
import dev.otpsim.carrier.gateway.RecipientPolicy;
import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handsets;
import dev.otpsim.target.TargetClient;
import dev.otpsim.target.ReferenceProtocol;
import dev.otpsim.target.TargetProtocol;
import dev.otpsim.target.TargetProtocol.Identity;
import dev.otpsim.person.TargetAnswer;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.target.HttpGatewayOutbox;
import dev.otpsim.target.OtpService;
import dev.otpsim.target.TargetServer;
import dev.otpsim.target.external.ExternalProtocol;
import dev.otpsim.target.external.ExternalTarget;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

/**
 * What every probe drives the target with: the target itself (the embedded reference target,
 * started here, or the scenario's external one), the carrier gateway its codes reach, an HTTP
 * client that never follows redirects, fresh people, and the probe's time bound.
 *
 * <pre>{@code
 * try (Harness h = Harness.start(scenario, options)) {
 *     Identity p = h.person();
 *     h.sendAccepted(p);
 *     String code = h.awaitCode(p, 1);
 *     Reply r = h.verify(p, code);
 * }
 * }</pre>
 *
 * <p>Codes are read where they reach the gateway ({@link Codes}): the ground truth the whole
 * tool counts from, and what the flooding probe must count. The gateway hands them to no
 * carrier: a perfect carrier would deliver the same codes at once and add nothing.
 */
final class Harness implements AutoCloseable {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** How long a code may take from an accepted send to the gateway. */
    static final long CODE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** No new code for this long: the target has stopped sending. */
    static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** Sends of one person that may be refused as too soon before a probe gives up. */
    private static final int MAX_SEND_TRIES = 5;
    /** Waits for a rate limit to pass end this long after it says, so the target's clock has surely moved on. */
    private static final long WAIT_MARGIN_MILLIS = 50;
    /**
     * An external target's people are numbered from a random block of their own, so a run does not
     * meet an earlier run's locks and limits: blocks of 6,000 (more people than a run uses) keep
     * {@code {n}} within 7 digits, as phone-number templates like {@code +1555{n:07d}} need.
     */
    static final long BLOCK = 6_000;
    private static final long BLOCKS = 1_600;

    private final Scenario scenario;
    private final SecurityOptions options;
    private final ProbeClock clock;
    private final Codes codes;
    private final List<AutoCloseable> running;
    private final CarrierGateway gateway;
    private final TargetProtocol protocol;
    private final TargetClient client;
    private final LongFunction<Identity> people;
    private final LongFunction<Identity> unknowns;
    private final Channel channel;
    private final Limits limits;
    private final long firstPerson;
    private final AtomicLong nextPerson;
    private final AtomicLong nextUnknown;
    private final LongAdder requests = new LongAdder();
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile String sampleCode;
    private AttemptCalibration attempts;
    private Inconclusive attemptsFailed;

    private Harness(Scenario scenario, SecurityOptions options, ProbeClock clock, Codes codes,
                    List<AutoCloseable> running, CarrierGateway gateway, TargetProtocol protocol,
                    LongFunction<Identity> people, LongFunction<Identity> unknowns, long firstPerson) {
        this.scenario = scenario;
        this.options = options;
        this.clock = clock;
        this.codes = codes;
        this.running = running;
        this.gateway = gateway;
        this.protocol = protocol;
        this.client = new TargetClient(protocol, REQUEST_TIMEOUT);
        this.people = people;
        this.unknowns = unknowns;
        this.channel = scenario.people().mix().get(0).profile().channel();
        this.limits = Limits.of(scenario);
        this.firstPerson = firstPerson;
        this.nextPerson = new AtomicLong(firstPerson);
        this.nextUnknown = new AtomicLong(firstPerson);
    }

    /**
     * Starts the gateway on the scenario's {@code gateway} address and, without
     * {@code target.external}, the reference target on an ephemeral loopback port.
     *
     * @throws IOException when a port cannot be bound (nothing is left running then)
     */
    static Harness start(Scenario scenario, SecurityOptions options) throws IOException {
        ProbeClock clock = new ProbeClock();
        Codes codes = new Codes();
        List<AutoCloseable> running = new ArrayList<>();
        try {
            CarrierGateway gateway = CarrierGateway.start(scenario.gateway(), clock, new Handsets(),
                    RecipientPolicy.KNOWN_ONLY, codes, message -> { });
            running.add(gateway);
            ExternalTarget external = scenario.external();
            if (external != null) {
                long first = options.firstPerson() != null ? options.firstPerson()
                        : 1 + new SecureRandom().nextLong(BLOCKS) * BLOCK;
                LongFunction<Identity> unknown = external.expected().unknownUser() == null ? null
                        : external.expected()::unknown;
                return new Harness(scenario, options, clock, codes, running, gateway,
                        new ExternalProtocol(external, scenario.timeScale()), external::identity, unknown, first);
            }
            OtpService service = new OtpService(scenario.policy(), clock, new HttpGatewayOutbox(gateway.httpUri()),
                    new SecureRandom());
            TargetServer server = new TargetServer(service, TargetServer.DEFAULT_HOST, 0).start();
            running.add(server);
            return new Harness(scenario, options, clock, codes, running, gateway,
                    new ReferenceProtocol(server.baseUri().toString()), dev.otpsim.run.RunPlan::referenceIdentity,
                    n -> new Identity(n, "nobody-" + n, "nobody-" + n),
                    options.firstPerson() != null ? options.firstPerson() : 1);
        } catch (IOException | RuntimeException e) {
            closeAll(running);
            throw e;
        }
    }

    // ---- what the probes know -----------------------------------------------------------

    SecurityOptions options() {
        return options;
    }

    Limits limits() {
        return limits;
    }

    /** The number {@code {n}} of the first probe person. */
    long firstPerson() {
        return firstPerson;
    }

    boolean embedded() {
        return scenario.external() == null;
    }

    String targetUrl() {
        return protocol.baseUrl();
    }

    String gatewayUrl() {
        return gateway.httpUri().toString();
    }

    /** Requests sent to the target so far. */
    long requests() {
        return requests.sum();
    }

    /** The external target's answers its mapping did not cover, by request and status. */
    java.util.Map<String, Long> unmatched() {
        return protocol instanceof ExternalProtocol p ? p.unmatched() : java.util.Map.of();
    }

    /** A code issued during the preflight: the format wrong guesses are made in. */
    void sampleCode(String code) {
        this.sampleCode = code;
    }

    // ---- people -------------------------------------------------------------------------

    /** A person no probe has used: a user the target knows, with no history. */
    Identity person() {
        return people.apply(nextPerson.getAndIncrement());
    }

    /** Whether the scenario says who the target does not know (always, for the embedded target). */
    boolean knowsUnknownUsers() {
        return unknowns != null;
    }

    /** Someone the target does not know, or null when the scenario does not say who that is. */
    Identity unknownPerson() {
        return unknowns == null ? null : unknowns.apply(nextUnknown.getAndIncrement());
    }

    // ---- time bound ---------------------------------------------------------------------

    /** Starts a probe's time bound. */
    void beginProbe() {
        deadlineNanos = System.nanoTime() + options.probeTimeout().toNanos();
    }

    /** Throws when the probe's time bound has passed. */
    void checkTime() {
        if (System.nanoTime() > deadlineNanos) {
            throw new Inconclusive("the probe ran out of its time bound (--timeout " + show(options.probeTimeout())
                    + ") before it could decide");
        }
    }

    // ---- requests -----------------------------------------------------------------------

    Reply send(Identity who) throws InterruptedException {
        TargetClient.Response r = client.exchange(protocol.send(), who, channel, null);
        requests.increment();
        return reply(r, protocol.sendAnswer(r.status(), r.body(), r.header()), who);
    }

    Reply verify(Identity who, String code) throws InterruptedException {
        TargetClient.Response r = client.exchange(protocol.verify(), who, channel, code);
        requests.increment();
        return reply(r, protocol.verifyAnswer(r.status(), r.body(), r.header()), who);
    }

    private static Reply reply(TargetClient.Response r, TargetAnswer answer, Identity who) {
        return new Reply(r.status(), r.body(), answer, AnswerShape.of(r.status(), r.body(), who), r.nanos(),
                r.failure());
    }

    /**
     * Runs every call at once: each on a thread of its own, all released together once all are
     * waiting, the way an attacker races a limit.
     */
    List<Reply> burst(List<Callable<Reply>> calls) throws InterruptedException {
        int n = calls.size();
        ExecutorService pool = Executors.newFixedThreadPool(n, daemon("otpsim-security-burst-"));
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> futures = new ArrayList<>(n);
        try {
            for (Callable<Reply> call : calls) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call();
                }));
            }
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new Inconclusive("could not get " + n + " requests ready to go at once within 30 s");
            }
            go.countDown();
            long until = System.nanoTime() + 3 * REQUEST_TIMEOUT.toNanos();
            List<Reply> replies = new ArrayList<>(n);
            for (Future<Reply> f : futures) {
                replies.add(f.get(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return replies;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Inconclusive i ? i
                    : new Inconclusive("a request of the burst failed: " + e.getCause());
        } catch (TimeoutException e) {
            throw new Inconclusive(n + " requests at once did not all end within " + 3 * REQUEST_TIMEOUT.toSeconds() + " s");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs tasks on {@code threads} threads (no start gate) within the probe's time bound; results in task order. */
    <T> List<T> inParallel(int threads, List<Callable<T>> tasks) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemon("otpsim-security-"));
        try {
            long left = Math.max(1, deadlineNanos - System.nanoTime());
            List<Future<T>> futures = pool.invokeAll(tasks, left, TimeUnit.NANOSECONDS);
            List<T> out = new ArrayList<>(futures.size());
            for (Future<T> f : futures) {
                if (f.isCancelled()) {
                    checkTime();
                    throw new Inconclusive("a task was cancelled before it ended");
                }
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Inconclusive i ? i
                            : new Inconclusive("a request failed: " + e.getCause());
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Sends until the target accepts, waiting out its rate limits (a jump of the embedded
     * target's clock; a real wait for an external target, within the probe's time bound).
     */
    Reply sendAccepted(Identity who) throws InterruptedException {
        Reply r = null;
        for (int i = 0; i < MAX_SEND_TRIES; i++) {
            checkTime();
            r = send(who);
            if (r.accepted()) {
                return r;
            }
            if (r.kind() != TargetAnswer.Kind.RATE_LIMITED) {
                throw new Inconclusive("a send for " + who.user() + " was answered " + r.describe()
                        + "; expected it accepted" + mappingHint("send"));
            }
            waitOut(r, who);
        }
        throw new Inconclusive("a send for " + who.user() + " was still refused after " + MAX_SEND_TRIES
                + " waits: " + r.describe());
    }

    /** Waits as long as a refusal's retry-after says. */
    void waitOut(Reply refusal, Identity who) throws InterruptedException {
        long simMillis = Math.max(1, refusal.answer().retryAfterMillis());
        if (embedded()) {
            clock.skipTo(clock.nowMillis() + simMillis + 1);
            return;
        }
        // An external target's retry-after was converted to simulated ms with the time-scale; wait it out for real.
        long realMillis = (long) Math.ceil(simMillis / scenario.timeScale()) + WAIT_MARGIN_MILLIS;
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(realMillis) > deadlineNanos) {
            throw new Inconclusive("the target asks to wait " + show(Duration.ofMillis(realMillis))
                    + " before the next send for " + who.user() + ", beyond this probe's time bound (--timeout "
                    + show(options.probeTimeout()) + ")");
        }
        Thread.sleep(realMillis);
    }

    // ---- codes --------------------------------------------------------------------------

    /** The {@code k}-th code (1-based) that reached the gateway for this person; waits up to 10 s for it. */
    String awaitCode(Identity who, int k) throws InterruptedException {
        if (!codes.await(who.address(), k, System.nanoTime() + CODE_WAIT_NANOS)) {
            throw new Inconclusive("the target accepted a send for " + who.user() + " but code #" + k + " for \""
                    + who.address() + "\" did not reach the gateway (" + gatewayUrl() + ") within "
                    + TimeUnit.NANOSECONDS.toSeconds(CODE_WAIT_NANOS) + " s");
        }
        return codes.of(who.address()).get(k - 1);
    }

    List<String> codesOf(Identity who) {
        return codes.of(who.address());
    }

    /** Codes for this person once they stopped arriving, waiting for at least {@code atLeast} (bounded). */
    int settleCodes(Identity who, int atLeast) throws InterruptedException {
        return codes.settle(who.address(), atLeast, QUIET_NANOS, System.nanoTime() + CODE_WAIT_NANOS);
    }

    /**
     * {@code count} distinct codes in the format of this person's codes that the person was never
     * sent: wrong guesses. Digit codes count up from the latest code; others vary each character
     * within its kind.
     */
    List<String> wrongCodes(Identity who, int count) {
        List<String> received = codes.of(who.address());
        String like = !received.isEmpty() ? received.get(received.size() - 1) : sampleCode;
        if (like == null) {
            throw new IllegalStateException("no code seen yet to make wrong guesses like");
        }
        Set<String> avoid = new HashSet<>(received);
        Set<String> out = new java.util.LinkedHashSet<>();
        if (!like.isEmpty() && like.length() <= 18 && like.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long space = (long) Math.pow(10, like.length());
            long base = Long.parseLong(like);
            for (long k = 1; out.size() < count && k < space; k++) {
                String c = String.format(java.util.Locale.ROOT, "%0" + like.length() + "d", (base + k) % space);
                if (!avoid.contains(c)) {
                    out.add(c);
                }
            }
        } else {
            SplittableRandom rnd = new SplittableRandom(like.hashCode());
            for (int tries = 0; out.size() < count && tries < 100 * count; tries++) {
                StringBuilder b = new StringBuilder(like.length());
                for (char ch : like.toCharArray()) {
                    b.append(Character.isDigit(ch) ? (char) ('0' + rnd.nextInt(10))
                            : Character.isUpperCase(ch) ? (char) ('A' + rnd.nextInt(26))
                            : Character.isLowerCase(ch) ? (char) ('a' + rnd.nextInt(26)) : ch);
                }
                if (!avoid.contains(b.toString())) {
                    out.add(b.toString());
                }
            }
        }
        if (out.size() < count) {
            throw new Inconclusive("codes like \"" + like + "\" leave fewer than " + count + " wrong guesses");
        }
        return new ArrayList<>(out);
    }

    // ---- shared measurements ------------------------------------------------------------

    /** The attempt limit one wrong guess at a time, measured once and shared by the probes that need it. */
    synchronized AttemptCalibration attempts() throws InterruptedException {
        if (attemptsFailed != null) {
            throw attemptsFailed;
        }
        if (attempts == null) {
            try {
                attempts = AttemptCalibration.measure(this);
            } catch (Inconclusive e) {
                attemptsFailed = e;
                throw e;
            }
        }
        return attempts;
    }

    /** For an answer no outcome rule explains: where to look. */
    String mappingHint(String request) {
        return embedded() ? "" : " (check target.external.outcomes." + request + "; `otpsim probe` shows each answer)";
    }

    static String show(Duration d) {
        return dev.otpsim.distribution.Durations.show(d.toMillis());
    }

    @Override
    public void close() {
        closeAll(running);
    }

    private static void closeAll(List<AutoCloseable> running) {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                // Stopping is best effort; the verdicts are already known.
            }
        }
    }
}
