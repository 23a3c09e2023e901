package dev.otpsim.probe;

import dev.otpsim.target.external.ExternalProtocol;
import dev.otpsim.target.external.ExternalRequest;
import dev.otpsim.target.external.ExternalTarget;

import dev.otpsim.carrier.CarrierMessage;
import dev.otpsim.carrier.CarrierSpec;
import dev.otpsim.carrier.Carriers;
import dev.otpsim.carrier.DeliveryEvents;
import dev.otpsim.carrier.impairment.LossReason;
import dev.otpsim.carrier.gateway.CarrierGateway;
import dev.otpsim.carrier.gateway.RecipientPolicy;
import dev.otpsim.clock.ScaledClock;
import dev.otpsim.distribution.Durations;
import dev.otpsim.handset.Channel;
import dev.otpsim.handset.Handset;
import dev.otpsim.handset.Handsets;
import dev.otpsim.http.TargetClient;
import dev.otpsim.ledger.Classification;
import dev.otpsim.ledger.Classifier;
import dev.otpsim.ledger.Ledger;
import dev.otpsim.ledger.LedgerLog;
import dev.otpsim.target.TargetProtocol;
import dev.otpsim.metrics.RunMetrics;
import dev.otpsim.person.JourneyOutcome;
import dev.otpsim.person.Person;
import dev.otpsim.run.Journey;
import dev.otpsim.run.RunPlan;
import dev.otpsim.person.TargetAnswer;
import dev.otpsim.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One person's journey through an external target, told step by step: each request (method,
 * URL, body), the response (status, body), the message the gateway received (channel, to, code,
 * when), the outcome the mapping gave it and the ledger's classification. The first thing to run
 * when writing a {@code target.external} section: every unmatched answer is pointed out.
 *
 * <p>Drives the plain-Java {@link Person} directly over a {@link TargetClient}: no Gatling, so the
 * output is the conversation and nothing else.
 *
 * <pre>{@code
 * JourneyOutcome o = new Probe(scenario, out).perfectCarriers(true).run(1);
 * }</pre>
 */
public final class Probe {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int SHOWN_BODY_CHARS = 400;
    /** How long the probe waits for the ledger before moving on (a code may be on its way to the gateway). */
    private static final Duration CLASSIFY_WAIT = Duration.ofSeconds(3);

    private final Scenario scenario;
    private final ExternalTarget target;
    private final PrintWriter out;
    private boolean perfectCarriers = true;
    private boolean wrongCodeFirst;

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
     * Runs person {@code n}'s journey to its end.
     *
     * @return how it ended; {@link JourneyOutcome#SUCCESS} when the target accepted a code
     * @throws IOException when the gateway cannot listen on its configured ports
     */
    public JourneyOutcome run(long n) throws IOException, InterruptedException {
        ExternalProtocol protocol = new ExternalProtocol(target, scenario.timeScale());
        RunPlan plan = new RunPlan(scenario, scenario.seed());
        RunPlan.PersonPlan person = plan.person(n);
        TargetProtocol.Identity who = person.identity();
        Map<Channel, CarrierSpec> specs = new EnumMap<>(Channel.class);
        for (Channel c : plan.channels()) {
            specs.put(c, perfectCarriers ? CarrierSpec.PERFECT : plan.carrierSpecs().get(c));
        }
        ScaledClock clock = ScaledClock.start(scenario.timeScale());
        Handsets handsets = new Handsets();
        Ledger ledger = new Ledger(new Classifier(target.codeTtl().toMillis(), target.expectsLatestOnly()),
                new RunMetrics(scenario.metrics(), plan.channels()), LedgerLog.none());
        DeliveryEvents events = new Told(ledger);
        TargetClient http = new TargetClient(protocol, REQUEST_TIMEOUT);
        try (Carriers carriers = Carriers.start(specs, scenario.seed(), clock, handsets, events);
             CarrierGateway gateway = CarrierGateway.start(scenario.gateway(), clock, handsets,
                     RecipientPolicy.KNOWN_ONLY, events, carriers::submit)) {
            line("probe: person " + n + " is user \"" + who.user() + "\", codes go to \"" + who.address()
                    + "\"; profile " + person.profile().name() + ", channel " + person.profile().channel().id()
                    + (person.app() != null ? "; signs in with an authenticator app"
                    : person.authenticator() != null ? "; has an authenticator app but lost the phone" : ""));
            line("probe: target " + protocol.baseUrl() + "; gateway HTTP " + gateway.httpUri() + ", SMTP "
                    + scenario.gateway().host() + ":" + gateway.smtpPort()
                    + (perfectCarriers ? "; carriers deliver at once" : "; carriers as in the scenario"));
            clock.zeroNow(); // simulated zero is the first request, not the start-up of carriers and gateway
            Journey journey = new Journey(person, handsets, ledger, clock.nowMillis());
            boolean wrongDone = !wrongCodeFirst;
            while (true) {
                long now = clock.nowMillis();
                Person.Action a = journey.next(now);
                if (a instanceof Person.End end) {
                    journey.finish(clock.nowMillis());
                    line(at(clock.nowMillis()) + "journey ended: " + end.outcome().id());
                    reportUnmatched(protocol);
                    return end.outcome();
                }
                if (a instanceof Person.RequestCode r) {
                    line(at(now) + (r.resend() ? "resend" : "send") + " (" + r.channel().id() + ")");
                    TargetClient.Response ans = exchange(http, protocol.send(), who, r.channel(), null);
                    TargetAnswer answer = protocol.sendAnswer(ans.status(), ans.body(), ans.header());
                    explain(answer, protocol.explainSend(ans.status(), ans.body()));
                    journey.sendAnswered(answer, clock.nowMillis());
                } else if (a instanceof Person.Submit s) {
                    if (!wrongDone) {
                        wrongDone = true;
                        String wrong = wrong(s.intended());
                        line(at(now) + "verify a deliberately wrong code " + wrong);
                        TargetClient.Response ans = exchange(http, protocol.verify(), who, journey.channelOf(s), wrong);
                        TargetAnswer answer = protocol.verifyAnswer(ans.status(), ans.body(), ans.header());
                        explain(answer, protocol.explainVerify(ans.status(), ans.body()));
                        tell(ledger.submitted(who.address(), wrong, now, answer, s.read()));
                        now = clock.nowMillis();
                    }
                    line(at(now) + "verify code " + s.typed() + (s.typo() ? " (a typo of " + s.intended() + ")" : "")
                            + (s.authenticator() ? " from the authenticator app (step " + s.read().step() + ")" : ""));
                    TargetClient.Response ans = exchange(http, protocol.verify(), who, journey.channelOf(s), s.typed());
                    TargetAnswer answer = protocol.verifyAnswer(ans.status(), ans.body(), ans.header());
                    explain(answer, protocol.explainVerify(ans.status(), ans.body()));
                    tell(journey.verifyAnswered(answer, clock.nowMillis()));
                } else {
                    long until = ((Person.Wait) a).untilMillis();
                    long step = Math.max(1, Math.min(until - now, scenario.pollMillis()));
                    Thread.sleep(Math.max(1, clock.toReal(Duration.ofMillis(step)).toMillis()));
                }
            }
        }
    }

    /** Prints the ledger's classification, waiting a moment for a code still on its way to the gateway. */
    private void tell(java.util.concurrent.CompletableFuture<Classification> c) throws InterruptedException {
        try {
            tell(c.get(CLASSIFY_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS), "");
        } catch (java.util.concurrent.TimeoutException e) {
            line("           ledger: waiting for a code the target accepted to send but the gateway has not received");
            c.thenAccept(late -> tell(late, " (classified late)"));
        } catch (java.util.concurrent.ExecutionException e) {
            line("           ledger: could not classify: " + e.getCause());
        }
    }

    private void tell(Classification c, String note) {
        line("           ledger: " + c.outcome().id() + (c.staleAccepted() ? " (a stale code the target accepted)" : "")
                + (c.disagreement() == null ? "" : " — the target disagrees (" + c.disagreement() + ")") + note);
    }

    private TargetClient.Response exchange(TargetClient client, ExternalRequest r, TargetProtocol.Identity who,
                                           Channel channel, String code) throws InterruptedException {
        String body = r.body(who, channel, code);
        line("           → " + r.method() + " " + client.url(r, who, channel, code)
                + (body == null ? "" : "  " + shorten(body)));
        TargetClient.Response resp = client.exchange(r, who, channel, code);
        line("           ← " + (resp.status() < 0 ? "no response: " + resp.failure()
                : resp.status() + "  " + shorten(resp.body())));
        return resp;
    }

    private void explain(TargetAnswer answer, String rule) {
        if (rule == null) {
            line("           outcome: error — no rule of target.external.outcomes matched this answer; add one");
        } else {
            line("           outcome: " + answer.kind().id()
                    + (answer.retryAfterMillis() > 0 ? ", retry after " + Durations.show(answer.retryAfterMillis()) : "")
                    + "  (rule: " + rule + ")");
        }
    }

    private void reportUnmatched(ExternalProtocol protocol) {
        if (!protocol.unmatched().isEmpty()) {
            line("probe: answers no rule matched: " + protocol.unmatched());
        }
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

    private synchronized void line(String s) {
        out.println(s);
        out.flush();
    }

    /** Tells each carrier event, then hands it to the ledger. */
    private final class Told implements DeliveryEvents {
        private final Ledger ledger;

        Told(Ledger ledger) {
            this.ledger = ledger;
        }

        public void issued(CarrierMessage m) {
            line(at(m.issuedAtMillis()) + "gateway received #" + m.id() + ": " + m.channel().id() + " to "
                    + m.to() + ", code " + m.code());
            ledger.issued(m);
        }

        public void delivered(CarrierMessage m, long visibleAtMillis, boolean duplicate, long lateMillis) {
            line(at(visibleAtMillis) + "handset shows #" + m.id() + " (code " + m.code() + ")"
                    + (duplicate ? ", a duplicate" : ""));
            ledger.delivered(m, visibleAtMillis, duplicate, lateMillis);
        }

        public void lost(CarrierMessage m, LossReason reason, long atMillis) {
            line(at(atMillis) + "carrier lost #" + m.id() + ": " + reason.id());
            ledger.lost(m, reason, atMillis);
        }

        public void duplicated(CarrierMessage m, long atMillis) {
            ledger.duplicated(m, atMillis);
        }

        public void unknownRecipient(CarrierMessage m) {
            line(at(m.issuedAtMillis()) + "message #" + m.id() + " is for \"" + m.to()
                    + "\", which is not this person's address: check identity.address against what the target sends");
            ledger.unknownRecipient(m);
        }
    }
}
