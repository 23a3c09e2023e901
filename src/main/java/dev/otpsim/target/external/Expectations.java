package dev.otpsim.target.external;

import dev.otpsim.target.TargetProtocol;
import dev.otpsim.config.Section;
import dev.otpsim.target.TargetPolicy;
import java.util.Set;

/**
 * What the user says their service does: the optional {@code target.external.expected} section.
 * {@code otpsim security} holds the service to the limits (each limit left out is observed
 * instead, see docs/security-probes.md); a run uses the rotation, if given, to flag an answer it
 * makes impossible (a superseded code accepted under {@code latest-only}) as a disagreement.
 *
 * <pre>
 * target.external.expected {
 *   max-attempts = 5              # wrong codes answered "invalid" before the service locks or drops the code
 *   max-sends = 5                 # codes one person can be sent back to back
 *   unknown-user = "ghost-{n}"    # someone the service does not know (for the enumeration probe)
 *   rotation = latest-only        # what a new send does to older codes: latest-only | any-unexpired | same-code
 * }
 * </pre>
 *
 * @param maxAttempts wrong verifications the service evaluates before it refuses more, 0 when not declared
 * @param maxSends    sends accepted back to back for one person, 0 when not declared
 * @param unknownUser who the service does not know ({@code {n}} numbers them), or null when not declared
 * @param rotation    what a new send does to the person's older codes, or null when not declared
 */
public record Expectations(int maxAttempts, int maxSends, Template unknownUser, dev.otpsim.target.Rotation rotation) {

    /** Nothing declared: every limit is observed. */
    public static final Expectations NONE = new Expectations(0, 0, null, null);

    static Expectations read(Section s) {
        int attempts = s.integer("max-attempts", 0, 1, TargetPolicy.MAX_COUNT);
        int sends = s.integer("max-sends", 0, 1, TargetPolicy.MAX_COUNT);
        Template unknown = ExternalRequest.template(s, "unknown-user", null, Set.of("n"));
        if (unknown != null && !unknown.names().contains("n")) {
            s.problem("unknown-user", "each probe needs its own unknown user: put {n} (or e.g. {n:07d}) in it");
        }
        dev.otpsim.target.Rotation rotation = s.has("rotation")
                ? s.choice("rotation", dev.otpsim.target.Rotation.byId(), null) : null;
        s.finish();
        return new Expectations(attempts, sends, unknown, rotation);
    }

    /** Unknown person {@code n}: the same text as user and address (the service has no address for them). */
    public TargetProtocol.Identity unknown(long n) {
        if (unknownUser == null) {
            throw new IllegalStateException("no unknown-user declared");
        }
        String num = Long.toString(n);
        String id = unknownUser.render(name -> num, v -> v);
        return new TargetProtocol.Identity(n, id, id);
    }
}
