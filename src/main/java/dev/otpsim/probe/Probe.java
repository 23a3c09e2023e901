package dev.otpsim.probe;

import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.carrier.CarrierSpec;
import dev.otpsim.carrier.Carriers;
import dev.otpsim.carrier.DeliveryEvents;
import dev.otpsim.carrier.gateway.CarrierGateway;
import dev.otpsim.carrier.gateway.GatewayRefusals;
import dev.otpsim.carrier.gateway.RecipientPolicy;
import dev.otpsim.carrier.impairment.LossReason;
import dev.otpsim.clock.ScaledClock;
import dev.otpsim.distribution.Durations;
import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handset;
import dev.otpsim.handset.Handsets;
import dev.otpsim.http.NoAnswer;
import dev.otpsim.target.TargetClient;
import dev.otpsim.ledger.Classification;
import dev.otpsim.ledger.Classifier;
import dev.otpsim.ledger.Ledger;
import dev.otpsim.ledger.LedgerLog;
import dev.otpsim.metrics.RunMetrics;
import dev.otpsim.person.JourneyOutcome;
import dev.otpsim.person.Person;
import dev.otpsim.person.TargetAnswer;
import dev.otpsim.run.Journey;
import dev.otpsim.run.RunPlan;
import dev.otpsim.scenario.Scenario;
import dev.otpsim.target.TargetProtocol;
import dev.otpsim.target.external.ExternalProtocol;
import dev.otpsim.target.external.ExternalRequest;
import dev.otpsim.target.external.ExternalTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One person's conversation with an external target, told step by step: each request (method,
 * URL, body), the response (status, body), the message the gateway received (channel, to, code,
 * when), the outcome the mapping gave it and the ledger's classification. The first thing to run
 * when writing a {@code target.external} section: every unmatched answer is pointed out, a
 * service that cannot be reached is named as such, and when no message reaches the gateway the
 * probe says so after a short wait ({@link #messageWait}), with what the gateway refused.
 *
 * <p>Two conversations:
 * <ul>
 *   <li>{@link #run}: the person's journey as in a run (optionally a wrong code first);</li>
 *   <li>{@link #exhaustAttempts}: the path to a lock — wrong codes until the service stops taking
 *       attempts (locks the person, or burns the code), then the right code, then a resend and
 *       its code — so the mapping of "too many attempts" and "code no longer exists" answers is
 *       checked too, answers that otherwise only show up in the middle of a run.</li>
 * </ul>
 *
 * <p>Drives the plain-Java {@link Person} (or the ledger directly, for the lock path) over a
 * {@link TargetClient}: no Gatling, so the output is the conversation and nothing else.
 *
 * <pre>{@code
 * JourneyOutcome o = new Probe(scenario, out).perfectCarriers(true).run(1);
 * boolean mapped = new Probe(scenario, out).exhaustAttempts(1).passed();
 * }</pre>
 */
public final class Probe {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int SHOWN_BODY_CHARS = 400;
    /** How long the probe waits for the ledger before moving on (a code may be on its way to the gateway). */
    private static final Duration CLASSIFY_WAIT = Duration.ofSeconds(3);
    /** Real time to wait for a message at the gateway after the target accepted a send. */
    public static final Duration DEFAULT_MESSAGE_WAIT = Duration.ofSeconds(10);
    /** Wrong codes the lock path types at most when the service declares no attempt limit. */
    static final int MAX_WRONG_CODES = 20;
    /** Rate-limited answers the lock path waits out before a request counts as refused. */
    private static final int MAX_RETRIES = 3;

    private final Scenario scenario;
    private final ExternalTarget target;
    private final PrintWriter out;
    private boolean perfectCarriers = true;
    private boolean wrongCodeFirst;
    private Duration messageWait = DEFAULT_MESSAGE_WAIT;

    public Probe(Scenario scenario, PrintWriter out) {
        if (scenario.external() == null) {
            throw new IllegalArgumentException("the scenario has no target.external section: probe drives an "
                    + "external target (the embedded reference target needs no mapping)");
        }
        this.scenario = scenario;
        this.target = scenario.external();
        this.out = out;
    }

    /** True (the default): codes arrive at once, so the conversation is the only thing under test. */
    public Probe perfectCarriers(boolean perfect) {
        this.perfectCarriers = perfect;
        return this;
    }

    /** Types a wrong code before the right one, to check the mapping of a rejection too. */
    public Probe wrongCodeFirst(boolean wrong) {
        this.wrongCodeFirst = wrong;
        return this;
    }

    /**
     * How long (real time) to wait for a message at the gateway once the target accepted a send,
     * before saying that none came (default {@link #DEFAULT_MESSAGE_WAIT}).
     */
    public Probe messageWait(Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException("the message wait must be positive, got " + wait);
        }
        this.messageWait = wait;
        return this;
    }

    /**
     * Runs person {@code n}'s journey to its end, or until no message reached the gateway within
     * the message wait after the target accepted a send.
     *
     * @return how it ended; {@link JourneyOutcome#SUCCESS} when the target accepted a code
     * @throws IOException when the gateway cannot listen on its configured ports
     */
    public JourneyOutcome run(long n) throws IOException, InterruptedException {
        try (Conversation c = new Conversation(n)) {
            Journey journey = new Journey(c.person, c.handsets, c.ledger, c.clock.nowMillis());
            boolean wrongDone = !wrongCodeFirst;
            long waitingSince = 0; // real nanos of the first accepted send no message has followed yet
            int messagesThen = 0;
            while (true) {
                long now = c.clock.nowMillis();
                Person.Action a = journey.next(now);
                if (a instanceof Person.End end) {
                    journey.finish(c.clock.nowMillis());
                    c.line(at(c.clock.nowMillis()) + "journey ended: " + end.outcome().id());
                    c.conclude();
                    return end.outcome();
                }
                if (a instanceof Person.RequestCode r) {
                    c.line(at(now) + (r.resend() ? "resend" : "send") + " (" + r.channel().id() + ")");
                    TargetClient.Response ans = c.exchange(c.protocol.send(), r.channel(), null);
                    TargetAnswer answer = c.protocol.sendAnswer(ans.status(), ans.body(), ans.header());
                    c.explain(answer, ans, c.protocol.explainSend(ans.status(), ans.body()));
                    journey.sendAnswered(answer, c.clock.nowMillis());
                    if (answer.kind() == TargetAnswer.Kind.ACCEPTED && waitingSince == 0) {
                        waitingSince = System.nanoTime();
                        messagesThen = c.messages();
                    }
                } else if (a instanceof Person.Submit s) {
                    if (!wrongDone) {
                        wrongDone = true;
                        String wrong = wrong(s.intended());
                        c.line(at(now) + "verify a deliberately wrong code " + wrong);
                        TargetClient.Response ans = c.exchange(c.protocol.verify(), journey.channelOf(s), wrong);
                        TargetAnswer answer = c.protocol.verifyAnswer(ans.status(), ans.body(), ans.header());
                        c.explain(answer, ans, c.protocol.explainVerify(ans.status(), ans.body()));
                        c.tell(c.ledger.submitted(c.who.address(), wrong, now, answer, s.read()));
                        now = c.clock.nowMillis();
                    }
                    c.line(at(now) + "verify code " + s.typed() + (s.typo() ? " (a typo of " + s.intended() + ")" : "")
                            + (s.authenticator() ? " from the authenticator app (step " + s.read().step() + ")" : ""));
                    TargetClient.Response ans = c.exchange(c.protocol.verify(), journey.channelOf(s), s.typed());
                    TargetAnswer answer = c.protocol.verifyAnswer(ans.status(), ans.body(), ans.header());
                    c.explain(answer, ans, c.protocol.explainVerify(ans.status(), ans.body()));
                    c.tell(journey.verifyAnswered(answer, c.clock.nowMillis()));
                } else {
                    if (waitingSince != 0 && c.messages() > messagesThen) {
                        waitingSince = 0; // a message came: the gateway is being reached
                    }
                    if (waitingSince != 0 && System.nanoTime() - waitingSince >= messageWait.toNanos()) {
                        c.noMessage();
                        journey.finish(c.clock.nowMillis());
                        c.line(at(c.clock.nowMillis()) + "journey ended: " + JourneyOutcome.ERROR.id()
                                + " (no code reached the gateway)");
                        c.conclude();
                        return JourneyOutcome.ERROR;
                    }
                    long until = ((Person.Wait) a).untilMillis();
                    long step = Math.max(1, Math.min(until - now, scenario.pollMillis()));
                    Thread.sleep(Math.max(1, c.clock.toReal(Duration.ofMillis(step)).toMillis()));
                }
            }
        }
    }

    /**
     * What the lock path found.
     *
     * @param stopped   the outcome with which the service stopped taking attempts ({@code locked} or
     *                  {@code code-dead}), or null when it never did within the wrong codes tried
     * @param wrongCodes wrong codes typed until then
     * @param unmatched answers no rule matched, by request and status (each became an error)
     * @param reached   the service answered every request (false: it could not be reached, or no code came)
     */
    public record LockPath(TargetAnswer.Kind stopped, int wrongCodes, Map<String, Long> unmatched, boolean reached) {
        /** Every answer on the path was mapped, and the service did stop taking attempts. */
        public boolean passed() {
            return reached && stopped != null && unmatched.isEmpty();
        }
    }

    /**
     * The lock path for person {@code n}: ask for a code, type wrong codes until the mapped answer
     * is {@code locked} or {@code code-dead} (at most the declared {@code expected.max-attempts} + 1,
     * else {@value #MAX_WRONG_CODES}), then the right code, then ask again and type the new code —
     * each answer printed with the rule that mapped it and the ledger's classification.
     *
     * @throws IOException when the gateway cannot listen on its configured ports
     */
    public LockPath exhaustAttempts(long n) throws IOException, InterruptedException {
        try (Conversation c = new Conversation(n)) {
            Channel channel = c.person.profile().channel();
            Handset handset = c.handsets.register(c.who.address());
            handset.onArrival(c::woken);
            c.ledger.journeyStarted(c.who.address(), c.clock.nowMillis());
            int limit = target.expected().maxAttempts() > 0 ? target.expected().maxAttempts() + 1 : MAX_WRONG_CODES;
            c.line("probe: the lock path — wrong codes until the service stops taking attempts (at most " + limit
                    + "), then the right code, then a resend and its code");

            Step send = c.send(channel, false);
            if (send.answer().kind() != TargetAnswer.Kind.ACCEPTED) {
                return c.endLockPath(null, 0, send.reached());
            }
            String code = c.awaitCode(handset, 0);
            if (code == null) {
                return c.endLockPath(null, 0, false);
            }
            TargetAnswer.Kind stopped = null;
            int wrongCodes = 0;
            String wrong = code;
            while (stopped == null && wrongCodes < limit) {
                wrong = wrong(wrong);
                wrongCodes++;
                Step v = c.verify(channel, wrong, "wrong code #" + wrongCodes);
                if (!v.reached()) {
                    return c.endLockPath(null, wrongCodes, false);
                }
                TargetAnswer.Kind k = v.answer().kind();
                if (k == TargetAnswer.Kind.LOCKED || k == TargetAnswer.Kind.CODE_DEAD) {
                    stopped = k;
                } else if (k == TargetAnswer.Kind.ACCEPTED) {
                    c.line("probe: the service accepted a wrong code: check the verify mapping (or the service)");
                    return c.endLockPath(null, wrongCodes, true);
                }
            }
            if (stopped == null) {
                c.line("probe: the service took " + wrongCodes + " wrong codes without a `locked` or `code-dead` answer; "
                        + "if it locks later, declare target.external.expected.max-attempts; if it answers "
                        + "\"too many attempts\" in a way mapped to something else, map it to locked or code-dead");
            } else {
                c.line("probe: after " + wrongCodes + " wrong " + (wrongCodes == 1 ? "code" : "codes")
                        + " the service answered " + stopped.id() + "; now the right code " + code);
            }
            Step right = c.verify(channel, code, "the right code");
            if (stopped != null && right.answer().kind() == TargetAnswer.Kind.INVALID) {
                c.line("probe: the right code was answered invalid once the service had stopped taking attempts: if "
                        + "that answer means the code no longer exists, map it to code-dead, so people ask for a new "
                        + "code instead of retyping this one");
            } else if (stopped != null && right.answer().kind() == TargetAnswer.Kind.ACCEPTED) {
                c.line("probe: the right code was accepted although the service had answered " + stopped.id()
                        + ": that answer did not stop anything; check what it means");
            }
            int seen = handset.count();
            Step resend = c.send(channel, true);
            if (resend.answer().kind() == TargetAnswer.Kind.ACCEPTED) {
                String next = c.awaitCode(handset, seen);
                if (next != null) {
                    c.verify(channel, next, "the new code");
                }
            }
            return c.endLockPath(stopped, wrongCodes, true);
        }
    }

    /** One request of the lock path and its mapped answer; {@code reached} false when no answer came. */
    private record Step(TargetAnswer answer, boolean reached) {
    }

    /** A code surely not the one issued: every digit shifted by one. */
    static String wrong(String code) {
        StringBuilder b = new StringBuilder(code.length());
        for (char c : code.toCharArray()) {
            b.append(Character.isDigit(c) ? (char) ('0' + (c - '0' + 1) % 10) : c == 'x' ? 'y' : 'x');
        }
        return b.toString();
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replace("\r", "").replace("\n", " ");
        return one.length() <= SHOWN_BODY_CHARS ? one : one.substring(0, SHOWN_BODY_CHARS) + "…";
    }

    private static String at(long millis) {
        return String.format("%9s  ", Durations.show(millis));
    }

    /**
     * One probe's setup — the person, the gateway and carriers, the ledger, the HTTP client — and
     * the ways it tells what happens.
     */
    private final class Conversation implements AutoCloseable {
        final ExternalProtocol protocol = new ExternalProtocol(target, scenario.timeScale());
        final RunPlan.PersonPlan person;
        final TargetProtocol.Identity who;
        final ScaledClock clock = ScaledClock.start(scenario.timeScale());
        final Handsets handsets = new Handsets();
        final Ledger ledger;
        final TargetClient http = new TargetClient(protocol, REQUEST_TIMEOUT);
        final Carriers carriers;
        final CarrierGateway gateway;
        private final Object arrivals = new Object();
        private int messages;
        /** The first request that got no answer at all, and why. */
        private String unreachable;

        Conversation(long n) throws IOException {
            RunPlan plan = new RunPlan(scenario, scenario.seed());
            person = plan.person(n);
            who = person.identity();
            Map<Channel, CarrierSpec> specs = new EnumMap<>(Channel.class);
            for (Channel c : plan.channels()) {
                specs.put(c, perfectCarriers ? CarrierSpec.PERFECT : plan.carrierSpecs().get(c));
            }
            ledger = new Ledger(new Classifier(target.codeTtl().toMillis(), target.expectsLatestOnly()),
                    new RunMetrics(scenario.metrics(), plan.channels()), LedgerLog.none());
            // The ledger counts each event first; then the probe tells it and wakes whoever waits for a code.
            DeliveryEvents events = DeliveryEvents.tee(ledger, new Told());
            carriers = Carriers.start(specs, scenario.seed(), clock, handsets, events);
            try {
                gateway = CarrierGateway.start(scenario.gateway(), clock, handsets, RecipientPolicy.KNOWN_ONLY, events,
                        carriers::submit);
            } catch (IOException | RuntimeException e) {
                carriers.close();
                throw e;
            }
            line("probe: person " + n + " is user \"" + who.user() + "\", codes go to \"" + who.address()
                    + "\"; profile " + person.profile().name() + ", channel " + person.profile().channel().id()
                    + (person.app() != null ? "; signs in with an authenticator app"
                    : person.authenticator() != null ? "; has an authenticator app but lost the phone" : ""));
            line("probe: target " + protocol.baseUrl() + "; gateway HTTP " + gateway.httpUri() + ", SMTP "
                    + scenario.gateway().host() + ":" + gateway.smtpPort()
                    + (perfectCarriers ? "; carriers deliver at once" : "; carriers as in the scenario"));
            clock.zeroNow(); // simulated zero is the first request, not the start-up of carriers and gateway
        }

        /** A code became visible on the handset: whoever waits for one looks again. */
        void woken() {
            synchronized (arrivals) {
                arrivals.notifyAll();
            }
        }

        /** Messages the gateway received so far, for anyone. */
        int messages() {
            synchronized (arrivals) {
                return messages;
            }
        }

        TargetClient.Response exchange(ExternalRequest r, Channel channel, String code) throws InterruptedException {
            String body = r.body(who, channel, code);
            line("           → " + r.method() + " " + http.url(r, who, channel, code)
                    + (body == null ? "" : "  " + shorten(body)));
            TargetClient.Response resp = http.exchange(r, who, channel, code);
            line("           ← " + (resp.status() < 0 ? "no response: " + resp.failure()
                    : resp.status() + "  " + shorten(resp.body())));
            if (resp.status() < 0 && unreachable == null) {
                unreachable = NoAnswer.reason(resp.failure());
            }
            return resp;
        }

        void explain(TargetAnswer answer, TargetClient.Response resp, String rule) {
            if (resp.status() < 0) {
                line("           outcome: error — the service could not be reached: " + NoAnswer.reason(resp.failure()));
            } else if (resp.status() >= 500) {
                line("           outcome: error — the service failed with " + resp.status()
                        + " (server errors are errors whatever the rules say)");
            } else if (rule == null) {
                line("           outcome: error — no rule of target.external.outcomes matched this answer; add one");
            } else {
                line("           outcome: " + answer.kind().id()
                        + (answer.retryAfterMillis() > 0 ? ", retry after " + Durations.show(answer.retryAfterMillis()) : "")
                        + "  (rule: " + rule + ")");
            }
        }

        /** Prints the ledger's classification, waiting a moment for a code still on its way to the gateway. */
        void tell(CompletableFuture<Classification> c) throws InterruptedException {
            try {
                tell(c.get(CLASSIFY_WAIT.toMillis(), TimeUnit.MILLISECONDS), "");
            } catch (TimeoutException e) {
                line("           ledger: waiting for a code the target accepted to send but the gateway has not received");
                c.thenAccept(late -> tell(late, " (classified late)"));
            } catch (ExecutionException e) {
                line("           ledger: could not classify: " + e.getCause());
            }
        }

        private void tell(Classification c, String note) {
            line("           ledger: " + c.outcome().id() + (c.staleAccepted() ? " (a stale code the target accepted)" : "")
                    + (c.disagreement() == null ? "" : " — the target disagrees (" + c.disagreement() + ")") + note);
        }

        /** No message reached the gateway within the wait: say so, and what the gateway refused. */
        void noMessage() {
            List<GatewayRefusals.Refusal> refused = gateway.refusals().snapshot();
            line("probe: no message reached the gateway within " + Durations.show(messageWait.toMillis())
                    + " (real) after the target accepted the send");
            if (refused.isEmpty()) {
                line("probe: the gateway refused nothing either: nothing was handed to it at all. Point the service's "
                        + "SMS provider at " + gateway.httpUri() + " (POST /messages, or POST "
                        + "/2010-04-01/Accounts/{sid}/Messages.json) or its mailer at SMTP " + scenario.gateway().host()
                        + ":" + gateway.smtpPort());
            } else {
                line("probe: the gateway refused " + GatewayRefusals.Refusal.describe(refused));
                for (GatewayRefusals.Refusal r : refused) {
                    line("           refused: " + r.via() + " " + r.request() + " → " + r.status() + " " + r.reason()
                            + " × " + r.count());
                }
            }
        }

        /**
         * Asks for a code (waiting out a rate limit a few times): the send of the lock path.
         */
        Step send(Channel channel, boolean resend) throws InterruptedException {
            for (int attempt = 0; ; attempt++) {
                long now = clock.nowMillis();
                line(at(now) + (resend ? "resend" : "send") + " (" + channel.id() + ")");
                ledger.sendRequested(who.address(), channel, resend, now);
                TargetClient.Response ans = exchange(protocol.send(), channel, null);
                TargetAnswer answer = protocol.sendAnswer(ans.status(), ans.body(), ans.header());
                explain(answer, ans, protocol.explainSend(ans.status(), ans.body()));
                ledger.sendAnswered(who.address(), channel, answer, now);
                if (answer.kind() == TargetAnswer.Kind.RATE_LIMITED && attempt < MAX_RETRIES) {
                    long wait = Math.max(1, answer.retryAfterMillis());
                    line(at(clock.nowMillis()) + "waiting " + Durations.show(wait) + " as the service asked");
                    Thread.sleep(Math.max(1, clock.toReal(Duration.ofMillis(wait)).toMillis()));
                    continue;
                }
                return new Step(answer, ans.status() >= 0);
            }
        }

        /** Types {@code code} and tells the answer, its mapping and the ledger's classification. */
        Step verify(Channel channel, String code, String what) throws InterruptedException {
            long now = clock.nowMillis();
            line(at(now) + "verify " + what + " " + code);
            TargetClient.Response ans = exchange(protocol.verify(), channel, code);
            TargetAnswer answer = protocol.verifyAnswer(ans.status(), ans.body(), ans.header());
            explain(answer, ans, protocol.explainVerify(ans.status(), ans.body()));
            tell(ledger.submitted(who.address(), code, now, answer));
            return new Step(answer, ans.status() >= 0);
        }

        /**
         * The code of the first message after the handset's first {@code seen}, once visible; null
         * (having said why) when none reached the gateway within the message wait.
         */
        String awaitCode(Handset handset, int seen) throws InterruptedException {
            long start = System.nanoTime();
            int before = messages();
            synchronized (arrivals) {
                while (handset.count() <= seen) {
                    // Once a message reached the gateway, the carrier may take what the scenario lets it.
                    long allowed = messages > before ? Math.max(messageWait.toNanos(), carrierAllowanceNanos())
                            : messageWait.toNanos();
                    long left = start + allowed - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(arrivals, left);
                }
            }
            if (handset.count() > seen) {
                return handset.get(seen).code();
            }
            if (messages() == before) {
                noMessage();
            } else {
                line("probe: a message reached the gateway but no code reached this person's handset in time (see above)");
            }
            return null;
        }

        /** With carriers as in the scenario a code may take the person's whole patience to arrive. */
        private long carrierAllowanceNanos() {
            if (perfectCarriers) {
                return messageWait.toNanos();
            }
            return clock.toReal(Duration.ofMillis(person.profile().giveUpAfterMillis())).toNanos();
        }

        LockPath endLockPath(TargetAnswer.Kind stopped, int wrongCodes, boolean reached) {
            ledger.journeyEnded(who.address(), JourneyOutcome.ERROR, clock.nowMillis());
            Map<String, Long> unmatched = mappingGaps();
            conclude();
            LockPath p = new LockPath(stopped, wrongCodes, unmatched, reached && unreachable == null);
            line("probe: lock path " + (p.passed() ? "mapped: every answer matched a rule" : "not complete")
                    + (stopped == null ? "" : "; the service stopped taking attempts with " + stopped.id()));
            return p;
        }

        /** Answers no rule matched that a rule could match (not 5xx, not "no response"). */
        private Map<String, Long> mappingGaps() {
            Map<String, Long> gaps = new TreeMap<>();
            protocol.unmatched().forEach((k, v) -> {
                String status = k.substring(k.lastIndexOf(' ') + 1);
                if (status.matches("\\d{3}") && Integer.parseInt(status) < 500) {
                    gaps.put(k, v);
                }
            });
            return gaps;
        }

        /** The closing lines: what the mapping missed, or that the service could not be reached. */
        void conclude() {
            Map<String, Long> gaps = mappingGaps();
            if (!gaps.isEmpty()) {
                line("probe: answers no rule matched: " + gaps);
            }
            if (unreachable != null) {
                line("probe: the service at " + protocol.baseUrl() + " could not be reached (" + unreachable
                        + "): is it running? Start it, or correct target.external.base-url");
            }
        }

        synchronized void line(String s) {
            out.println(s);
            out.flush();
        }

        @Override
        public void close() {
            try {
                gateway.close();
            } finally {
                carriers.close();
            }
        }

        /** Tells each carrier event, one line each, and counts the messages that arrived. */
        private final class Told implements DeliveryEvents {
            public void issued(CarrierMessage m) {
                line(at(m.issuedAtMillis()) + "gateway received #" + m.id() + ": " + m.channel().id() + " to "
                        + m.to() + ", code " + m.code());
                synchronized (arrivals) {
                    messages++;
                    arrivals.notifyAll();
                }
            }

            public void delivered(CarrierMessage m, long visibleAtMillis, boolean duplicate, long lateMillis) {
                line(at(visibleAtMillis) + "handset shows #" + m.id() + " (code " + m.code() + ")"
                        + (duplicate ? ", a duplicate" : ""));
            }

            public void lost(CarrierMessage m, LossReason reason, long atMillis) {
                line(at(atMillis) + "carrier lost #" + m.id() + ": " + reason.id());
            }

            public void unknownRecipient(CarrierMessage m) {
                line(at(m.issuedAtMillis()) + "message #" + m.id() + " is for \"" + m.to()
                        + "\", which is not this person's address: check identity.address against what the target sends");
            }
        }
    }
}
