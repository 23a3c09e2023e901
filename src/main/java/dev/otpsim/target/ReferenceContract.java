package dev.otpsim.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otpsim.person.TargetAnswer;
import java.io.IOException;
import java.util.List;

/**
 * The SPEC's reference contract as one table: for each request, which HTTP status means which
 * answer. {@link ReferenceProtocol} (the client side, under Gatling, the probe and the security
 * harness) reads its answers here; {@code ReferenceContractTest} drives {@link TargetServer}
 * through every {@link OtpService} result and checks that its status and body, read through this
 * table, give the answer {@link ReferenceAnswers} gives the virtual engine for the same result.
 *
 * <pre>{@code
 * TargetAnswer a = ReferenceContract.VERIFY.answer(423, "{\"error\":\"locked\",\"retryAfterMs\":5000}");
 * // a == TargetAnswer.locked(5000)
 * }</pre>
 *
 * <table>
 *   <caption>status → answer; any other status, or none, is an error</caption>
 *   <tr><th>request</th><th>accepted</th><th>invalid</th><th>expired</th><th>locked</th><th>rate-limited</th></tr>
 *   <tr><td>{@code POST /otp/send}</td><td>200–202</td><td></td><td></td><td>423</td><td>429</td></tr>
 *   <tr><td>{@code POST /otp/verify}</td><td>200</td><td>401</td><td>410</td><td>423</td><td>429</td></tr>
 * </table>
 * Locked and rate-limited answers carry the body's {@code retryAfterMs} (simulated ms; 1 s when
 * absent or unreadable, so the person retries soon).
 */
public enum ReferenceContract {
    SEND("/otp/send", List.of(
            new Row(200, 202, TargetAnswer.Kind.ACCEPTED), // the SPEC says 202; 200 and 201 are read alike
            new Row(423, 423, TargetAnswer.Kind.LOCKED),
            new Row(429, 429, TargetAnswer.Kind.RATE_LIMITED))),
    VERIFY("/otp/verify", List.of(
            new Row(200, 200, TargetAnswer.Kind.ACCEPTED),
            new Row(401, 401, TargetAnswer.Kind.INVALID),
            new Row(410, 410, TargetAnswer.Kind.EXPIRED),
            new Row(423, 423, TargetAnswer.Kind.LOCKED),
            new Row(429, 429, TargetAnswer.Kind.RATE_LIMITED)));

    /** The retry-after when a locked or rate-limited answer does not say (simulated ms). */
    static final long DEFAULT_RETRY_AFTER_MS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Statuses {@code from}..{@code to} (inclusive) mean {@code answer}. */
    public record Row(int from, int to, TargetAnswer.Kind answer) {
        boolean matches(int status) {
            return status >= from && status <= to;
        }
    }

    private final String path;
    private final List<Row> rows;

    ReferenceContract(String path, List<Row> rows) {
        this.path = path;
        this.rows = rows;
    }

    /** The request's path, e.g. {@code /otp/send}. */
    public String path() {
        return path;
    }

    /** The answer a status and body mean; {@code status} is -1 when no response came. */
    public TargetAnswer answer(int status, String body) {
        for (Row row : rows) {
            if (row.matches(status)) {
                TargetAnswer.Kind kind = row.answer();
                // Only a wait is read from the body: most answers are a shared constant, parsed from nothing.
                return TargetAnswer.of(kind, kind.waits() ? retryAfter(body) : 0);
            }
        }
        return TargetAnswer.ERROR;
    }

    /** {@code retryAfterMs} from a JSON body; {@link #DEFAULT_RETRY_AFTER_MS} when absent or unreadable. */
    static long retryAfter(String body) {
        if (body == null || body.isEmpty()) {
            return DEFAULT_RETRY_AFTER_MS;
        }
        try {
            JsonNode n = JSON.readTree(body).get("retryAfterMs");
            return n != null && n.canConvertToLong() ? Math.max(0, n.asLong()) : DEFAULT_RETRY_AFTER_MS;
        } catch (IOException e) {
            return DEFAULT_RETRY_AFTER_MS;
        }
    }
}
