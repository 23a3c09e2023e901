package dev.otpsim.target;

import dev.otpsim.handset.Channel;
import dev.otpsim.person.TargetAnswer;

/**
 * How the people speak to a target over HTTP: the two requests, and how answers map onto the
 * contract's outcomes. The reference target speaks the SPEC's contract ({@link ReferenceProtocol});
 * an external target describes its own shape in the scenario.
 */
public interface TargetProtocol {

    /** Base URL, e.g. {@code http://127.0.0.1:8080}. */
    String baseUrl();

    Request send();

    Request verify();

    /** Maps the answer to a send; {@code status} is -1 when no response came (refused, timed out). */
    TargetAnswer sendAnswer(int status, String body);

    /** Maps the answer to a verification; {@code status} is -1 when no response came. */
    TargetAnswer verifyAnswer(int status, String body);

    /**
     * Response headers the mapping reads (e.g. {@code Retry-After}); the load driver saves these
     * and passes them to the three-argument mappings below.
     */
    default java.util.Set<String> headersRead() {
        return java.util.Set.of();
    }

    /** Like {@link #sendAnswer(int, String)}, with the headers of {@link #headersRead()} (null when absent). */
    default TargetAnswer sendAnswer(int status, String body, java.util.function.UnaryOperator<String> header) {
        return sendAnswer(status, body);
    }

    /** Like {@link #verifyAnswer(int, String)}, with the headers of {@link #headersRead()} (null when absent). */
    default TargetAnswer verifyAnswer(int status, String body, java.util.function.UnaryOperator<String> header) {
        return verifyAnswer(status, body);
    }

    /**
     * One request shape: method, path, content type and a body built from the person's identity.
     * In a verify request {@code channel} is the channel the code came over, or null for a code read
     * from the person's authenticator app.
     */
    interface Request {
        String method();

        String path();

        /** The path for this person (an external target may put the user or code in it). */
        default String path(Identity who, Channel channel, String code) {
            return path();
        }

        /** {@code application/json} or {@code application/x-www-form-urlencoded}; null when there is no body. */
        String contentType();

        java.util.Map<String, String> headers();

        /** The body, or null when the request has none (e.g. a GET). */
        String body(Identity who, Channel channel, String code);
    }

    /** Who is signing in: the user id the target knows and the address codes are sent to. */
    record Identity(long n, String user, String address) {
    }
}
