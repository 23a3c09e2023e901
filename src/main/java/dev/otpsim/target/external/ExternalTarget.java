package dev.otpsim.target.external;

import dev.otpsim.target.TargetProtocol;
import dev.otpsim.config.Section;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Set;

/**
 * A target the user runs themselves, described in the scenario's {@code target.external} section:
 * where it is, how people speak to it, and what its answers mean. See docs/external-targets.md.
 *
 * <pre>
 * target.external {
 *   base-url = "http://127.0.0.1:9000"
 *   time-scaled = false
 *   code-ttl = 10m
 *   identity { user = "+1555{n:07d}", address = "+1555{n:07d}" }
 *   send   { path = "/api/otp/request", form { phone = "{address}" } }
 *   verify { path = "/api/otp/check",   form { phone = "{address}", otp = "{code}" } }
 *   outcomes { verify = [ { status = 200, outcome = accepted }, { status = 400, outcome = invalid } ] }
 *   totp { secret = "text:otpsim-{user}", step = 30s, digits = 6, window = 1 }   # optional: authenticator apps
 * }
 * </pre>
 *
 * @param baseUrl    scheme, host, port and optional path prefix, without a trailing slash
 * @param timeScaled whether the user scaled the target's own durations by the scenario's time-scale;
 *                   false means the run must use time-scale 1 (the target runs on its wall clock)
 * @param codeTtl    how long the target's codes are valid, or zero when unknown (then the ledger
 *                   never calls a submission "expired")
 * @param user       who the person is to the target ({@code {n}} = the person's number)
 * @param address    where the target sends the person's codes: the gateway matches messages to
 *                   people by this exact text
 * @param send       the "send me a code" request
 * @param verify     the "here is my code" request
 * @param sendOutcomes   how send answers map onto outcomes
 * @param verifyOutcomes how verify answers map onto outcomes
 * @param expected   what the user says the service does ({@code expected}): limits for {@code otpsim security},
 *                   and its rotation, which lets the ledger flag an answer that rotation makes impossible
 * @param totp       how the service checks authenticator codes ({@code totp}), or null when it has none
 */
public record ExternalTarget(URI baseUrl, boolean timeScaled, Duration codeTtl, Template user, Template address,
                             ExternalRequest send, ExternalRequest verify, AnswerMapping sendOutcomes,
                             AnswerMapping verifyOutcomes, Expectations expected, ExternalTotp totp) {

    /** Whether the service is declared to accept only the newest code ({@code expected.rotation = latest-only}). */
    public boolean expectsLatestOnly() {
        return expected.rotation() == dev.otpsim.target.Rotation.LATEST_ONLY;
    }

    /** Reads {@code target.external}; every problem goes to the section's {@code Problems}. */
    public static ExternalTarget read(Section s) {
        URI base = baseUrl(s);
        boolean timeScaled = s.bool("time-scaled", false);
        Duration ttl = s.duration("code-ttl", Duration.ZERO);
        Template user = Template.literal("u{n}");
        Template address = null;
        Section id = s.section("identity");
        Template u = ExternalRequest.template(id, "user", null, Set.of("n"));
        if (u != null) {
            user = u;
            if (!u.names().contains("n")) {
                id.problem("user", "every person needs their own identity: put {n} (or e.g. {n:07d}) in it");
            }
        }
        if (id.has("address")) {
            address = ExternalRequest.template(id, "address", null, Set.of("n"));
            if (address != null && !address.names().contains("n")) {
                id.problem("address", "every person needs their own address: put {n} (or e.g. {n:07d}) in it");
            }
        }
        id.finish();
        ExternalRequest send = ExternalRequest.read(s.section("send"), false);
        ExternalRequest verify = ExternalRequest.read(s.section("verify"), true);
        AnswerMapping sendOutcomes = AnswerMapping.DEFAULT_SEND;
        AnswerMapping verifyOutcomes = new AnswerMapping(java.util.List.of());
        Section outcomes = s.section("outcomes");
        if (outcomes.has("send")) {
            sendOutcomes = AnswerMapping.read(outcomes, "send");
        }
        verifyOutcomes = AnswerMapping.read(outcomes, "verify");
        outcomes.finish();
        Expectations expected = s.has("expected") ? Expectations.read(s.section("expected")) : Expectations.NONE;
        ExternalTotp totp = s.has("totp") ? ExternalTotp.read(s.section("totp")) : null;
        s.finish();
        return new ExternalTarget(base, timeScaled, ttl, user, address == null ? user : address, send, verify,
                sendOutcomes, verifyOutcomes, expected, totp);
    }

    private static URI baseUrl(Section s) {
        String text = s.string("base-url", null);
        if (text == null) {
            return URI.create("http://127.0.0.1");
        }
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (!http || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
                s.problem("base-url", "expected an http(s)://host:port URL (an optional path prefix, no query), got "
                        + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            s.problem("base-url", "not a URL: " + e.getMessage());
            return URI.create("http://127.0.0.1");
        }
    }

    /** Person {@code n}'s identity: user id and address from the templates. */
    public TargetProtocol.Identity identity(long n) {
        String num = Long.toString(n);
        return new TargetProtocol.Identity(n, user.render(name -> num, v -> v), address.render(name -> num, v -> v));
    }

    /** The host the loopback guard checks. */
    public String host() {
        return baseUrl.getHost();
    }
}
