package dev.otpsim.target;

import dev.otpsim.handset.Channel;
import dev.otpsim.person.TargetAnswer;
import java.util.Map;

/**
 * The client side of the SPEC's reference HTTP contract: {@code POST /otp/send {"user","channel"}}
 * and {@code POST /otp/verify {"user","code"}}, answers read through {@link ReferenceContract}'s
 * table (202/200 accepted, 401 invalid, 410 expired, 423 locked and 429 rate-limited with
 * {@code retryAfterMs}; anything else is an error).
 *
 * <pre>{@code
 * TargetProtocol p = new ReferenceProtocol(server.baseUri().toString());
 * TargetAnswer a = p.verifyAnswer(410, "{\"error\":\"expired\"}");   // expired
 * }</pre>
 */
public final class ReferenceProtocol implements TargetProtocol {
    // Stateless: one of each serves every request.
    private static final Request SEND = new JsonPost(ReferenceContract.SEND.path()) {
        @Override
        public String body(Identity who, Channel channel, String code) {
            return "{\"user\":\"" + who.user() + "\",\"channel\":\"" + channel.id() + "\"}";
        }
    };
    private static final Request VERIFY = new JsonPost(ReferenceContract.VERIFY.path()) {
        @Override
        public String body(Identity who, Channel channel, String code) {
            return "{\"user\":\"" + who.user() + "\",\"code\":\"" + code + "\"}";
        }
    };

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
        return SEND;
    }

    @Override
    public Request verify() {
        return VERIFY;
    }

    @Override
    public TargetAnswer sendAnswer(int status, String body) {
        return ReferenceContract.SEND.answer(status, body);
    }

    @Override
    public TargetAnswer verifyAnswer(int status, String body) {
        return ReferenceContract.VERIFY.answer(status, body);
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
