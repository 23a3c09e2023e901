package dev.otpsim.target.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a field from a response body by dotted path ({@code error.code}, {@code errors.0.code}). */
final class JsonPaths {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonPaths() {
    }

    /** The body as JSON, or null when it is empty or not JSON (then no JSON rule matches). */
    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** The node at {@code path}, or null; a numeric step indexes an array. */
    static JsonNode find(JsonNode root, String path) {
        JsonNode n = root;
        for (String step : path.split("\\.")) {
            if (n == null) {
                return null;
            }
            if (n.isArray() && step.matches("\\d+")) {
                n = n.get(Integer.parseInt(step));
            } else {
                n = n.get(step);
            }
        }
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }
}
