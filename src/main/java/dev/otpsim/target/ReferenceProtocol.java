package dev.otpsim.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otpsim.handset.Channel;
import dev.otpsim.person.TargetAnswer;
import java.util.Map;

/**
 * The SPEC's reference HTTP contract: {@code POST /otp/send {"user","channel"}} and
 * {@code POST /otp/verify {"user","code"}}; 202/200 accepted, 401 invalid, 410 expired,
 * 423 locked and 429 rate-limited with {@code retryAfterMs}; anything else is an error.
 */
public final class ReferenceProtocol implements TargetProtocol {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String baseUrl;

    public ReferenceProtocol(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public Request send() {
        return new JsonPost("/otp/send") {
            @Override
            public String body(Identity who, Channel channel, String code) {
                return "{\"user\":\"" + who.user() + "\",\"channel\":\"" + channel.id() + "\"}";
            }
        };
    }

    @Override
    public Request verify() {
        return new JsonPost("/otp/verify") {
            @Override
            public String body(Identity who, Channel channel, String code) {
                return "{\"user\":\"" + who.user() + "\",\"code\":\"" + code + "\"}";
            }
        };
    }

    @Override
    public TargetAnswer sendAnswer(int status, String body) {
        return switch (status) {
            case 200, 201, 202 -> TargetAnswer.ACCEPTED;
            case 423 -> TargetAnswer.locked(retryAfter(body));
            case 429 -> TargetAnswer.rateLimited(retryAfter(body));
            default -> TargetAnswer.ERROR;
        };
    }

    @Override
    public TargetAnswer verifyAnswer(int status, String body) {
        return switch (status) {
            case 200 -> TargetAnswer.ACCEPTED;
            case 401 -> TargetAnswer.INVALID;
            case 410 -> TargetAnswer.EXPIRED;
            case 423 -> TargetAnswer.locked(retryAfter(body));
            case 429 -> TargetAnswer.rateLimited(retryAfter(body));
            default -> TargetAnswer.ERROR;
        };
    }

    /** {@code retryAfterMs} from a JSON body; 1 s when absent or unreadable (the person retries soon). */
    static long retryAfter(String body) {
        if (body == null || body.isEmpty()) {
            return 1_000;
        }
        try {
            JsonNode n = JSON.readTree(body).get("retryAfterMs");
            return n != null && n.canConvertToLong() ? Math.max(0, n.asLong()) : 1_000;
        } catch (java.io.IOException e) {
            return 1_000;
        }
    }

    private abstract static class JsonPost implements Request {
        private final String path;

        JsonPost(String path) {
            this.path = path;
        }

        public String method() {
            return "POST";
        }

        public String path() {
            return path;
        }

        public String contentType() {
            return "application/json";
        }

        public Map<String, String> headers() {
            return Map.of();
        }
    }
}
