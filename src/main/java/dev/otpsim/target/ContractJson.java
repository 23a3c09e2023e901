package dev.otpsim.target;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.otpsim.handset.Channel;
import java.io.IOException;

/**
 * Reading and writing the bodies of the reference HTTP contract, with a precise message for each
 * way a request can be wrong.
 */
final class ContractJson {
    static final int MAX_USER_LENGTH = 200;
    static final int MAX_CODE_LENGTH = 64;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ContractJson() {
    }

    /** The request body as a JSON object. */
    static JsonNode object(byte[] body) throws BadRequest {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequest("unreadable body: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new BadRequest("empty body; expected a JSON object");
        }
        if (!node.isObject()) {
            throw new BadRequest("expected a JSON object, got " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return node;
    }

    /** A required, non-empty string field of at most {@code maxLength} characters. */
    static String text(JsonNode object, String field, int maxLength) throws BadRequest {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            throw new BadRequest("missing field \"" + field + "\"");
        }
        if (!v.isTextual()) {
            throw new BadRequest("field \"" + field + "\" must be a string, got " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        String s = v.textValue();
        if (s.isEmpty()) {
            throw new BadRequest("field \"" + field + "\" must not be empty");
        }
        if (s.length() > maxLength) {
            throw new BadRequest("field \"" + field + "\" is longer than " + maxLength + " characters");
        }
        return s;
    }

    static Channel channel(JsonNode object) throws BadRequest {
        String id = text(object, "channel", 20);
        return Channel.fromId(id).orElseThrow(() -> new BadRequest("unknown channel \"" + id + "\"; expected one of "
                + Channel.IDS));
    }

    static ObjectNode status(String status) {
        return JSON.createObjectNode().put("status", status);
    }

    static ObjectNode error(String error) {
        return JSON.createObjectNode().put("error", error);
    }

    static ObjectNode error(String error, long retryAfterMs) {
        return error(error).put("retryAfterMs", retryAfterMs);
    }

    static ObjectNode error(String error, String message) {
        return error(error).put("message", message);
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
