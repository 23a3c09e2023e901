package dev.otpsim.target.external;

import dev.otpsim.config.Section;
import dev.otpsim.target.TargetProtocol;
import dev.otpsim.target.TotpPolicy;
import dev.otpsim.totp.Secrets;
import java.util.Set;

/**
 * How a service of the user's checks authenticator codes ({@code target.external.totp}), so that
 * otpsim can compute the codes of the people who use an app (those of {@code people.*.authenticator.share}):
 *
 * <pre>
 * target.external.totp {
 *   secret = "text:otpsim-{user}"     # each person's secret, as your service also derives it
 *   step = 30s, digits = 6, algorithm = sha1
 *   window = 1, replay = refuse       # what your service accepts: the ledger judges answers by it
 * }
 * </pre>
 * The secret is a template over {@code {n}}, {@code {user}} and {@code {address}}, written as
 * {@code text:} (its UTF-8 bytes), {@code hex:} (digits; {@code {n}} fits) or {@code base32:} (a
 * literal only: decimal digits 0, 1, 8 and 9 are not in base32's alphabet). Codes are made from the
 * service's wall clock, so such runs use time-scale 1.
 *
 * @param secret each person's secret as written, e.g. {@code text:otpsim-{user}}
 * @param policy step, digits, algorithm, and the window and replay rule the service applies
 */
public record ExternalTotp(Template secret, TotpPolicy policy) {

    /** Reads {@code target.external.totp}; problems go to the section's {@code Problems}. */
    static ExternalTotp read(Section s) {
        Template secret = ExternalRequest.template(s, "secret", null, Set.of("n", "user", "address"));
        TotpPolicy policy = TotpPolicy.read(s); // also finishes the section
        if (secret != null) {
            String text = secret.source();
            boolean placeholders = !secret.names().isEmpty();
            if (text.startsWith(Secrets.BASE32) && placeholders) {
                s.problem("secret", "base32: cannot hold a placeholder (decimal digits 0, 1, 8 and 9 and most text are "
                        + "not in its alphabet); write the secret as text:...{user} or hex:...{n}");
            } else if (text.startsWith(Secrets.HEX) && (secret.names().contains("user")
                    || secret.names().contains("address"))) {
                s.problem("secret", "hex: takes {n} only ({user} and {address} are not hex digits); use text:...{user}");
            } else {
                try {
                    Secrets.parse(secret.render(name -> name.equals("n") ? "1" : "x", v -> v));
                } catch (IllegalArgumentException e) {
                    s.problem("secret", e.getMessage() + " (in \"" + text + "\")");
                }
            }
        }
        return secret == null ? null : new ExternalTotp(secret, policy);
    }

    /** Person {@code who}'s secret. */
    public byte[] secretOf(TargetProtocol.Identity who) {
        String n = Long.toString(who.n());
        return Secrets.parse(secret.render(name -> switch (name) {
            case "n" -> n;
            case "user" -> who.user();
            default -> who.address();
        }, v -> v));
    }
}
