package dev.otpsim.target.external;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigValueType;
import dev.otpsim.handset.Channel;
import dev.otpsim.target.TargetProtocol;
import dev.otpsim.config.Section;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One request to an external target (its send or its verify), as the scenario describes it:
 *
 * <pre>
 * verify {
 *   method = POST                                   # default POST
 *   path = "/api/otp/check"                         # may hold placeholders, e.g. "/users/{user}/otp?code={code}"
 *   headers { X-Api-Key = "k" }                     # literal values
 *   form { phone = "{address}", otp = "{code}" }    # or: json { to = "{address}" }   or: json = """{"to":"{address}"}"""
 * }
 * </pre>
 * Placeholders: {@code {n}} (also {@code {n:07d}}), {@code {user}}, {@code {address}},
 * {@code {channel}} and, in a verify request only, {@code {code}}. Values are escaped for where
 * they land: URL-encoded in the path and form, JSON-escaped in JSON. In a verify request
 * {@code {channel}} is the channel the code was sent over, or {@code authenticator} for a code read
 * from the person's authenticator app ({@code target.external.totp}).
 */
public final class ExternalRequest implements TargetProtocol.Request {
    static final String FORM = "application/x-www-form-urlencoded";
    /** What {@code {channel}} says for a code from an authenticator app. */
    public static final String AUTHENTICATOR = "authenticator";
    static final String JSON_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /** A request's body: none, form fields, JSON fields, or a JSON text template. */
    sealed interface Body permits NoBody, FormBody, JsonFields, JsonText {
        String contentType();

        String render(java.util.function.Function<String, String> values);
    }

    record NoBody() implements Body {
        public String contentType() {
            return null;
        }

        public String render(java.util.function.Function<String, String> values) {
            return null;
        }
    }

    record FormBody(Map<String, Template> fields) implements Body {
        public String contentType() {
            return FORM;
        }

        public String render(java.util.function.Function<String, String> values) {
            StringBuilder b = new StringBuilder();
            for (Map.Entry<String, Template> f : fields.entrySet()) {
                if (b.length() > 0) {
                    b.append('&');
                }
                b.append(Escapes.form(f.getKey())).append('=').append(f.getValue().render(values, Escapes::form));
            }
            return b.toString();
        }
    }

    /** A JSON object built from the scenario's object: strings are templates, other values literal. */
    record JsonFields(Map<String, Object> fields) implements Body {
        public String contentType() {
            return JSON_TYPE;
        }

        public String render(java.util.function.Function<String, String> values) {
            return fill(JSON.createObjectNode(), fields, values).toString();
        }

        @SuppressWarnings("unchecked")
        private static ObjectNode fill(ObjectNode node, Map<String, Object> fields,
                                       java.util.function.Function<String, String> values) {
            for (Map.Entry<String, Object> f : fields.entrySet()) {
                Object v = f.getValue();
                if (v instanceof Template t) {
                    node.put(f.getKey(), t.render(values, Escapes::none)); // Jackson escapes
                } else if (v instanceof Map<?, ?> m) {
                    fill(node.putObject(f.getKey()), (Map<String, Object>) m, values);
                } else if (v instanceof Boolean b) {
                    node.put(f.getKey(), b);
                } else if (v instanceof Number n) {
                    node.putPOJO(f.getKey(), n);
                } else {
                    node.putNull(f.getKey());
                }
            }
            return node;
        }
    }

    record JsonText(Template text) implements Body {
        public String contentType() {
            return JSON_TYPE;
        }

        public String render(java.util.function.Function<String, String> values) {
            return text.render(values, Escapes::json);
        }
    }

    private final String method;
    private final Template path;
    private final Map<String, String> headers;
    private final Body body;

    ExternalRequest(String method, Template path, Map<String, String> headers, Body body) {
        this.method = method;
        this.path = path;
        this.headers = Map.copyOf(headers);
        this.body = body;
    }

    /**
     * Reads one request section; problems go to the section's {@code Problems}.
     *
     * @param verify whether this is the verify request (the only one that may, and must, send {@code {code}})
     */
    static ExternalRequest read(Section s, boolean verify) {
        Set<String> allowed = new TreeSet<>(Set.of("n", "user", "address", "channel"));
        if (verify) {
            allowed.add("code");
        }
        String method = s.string("method", "POST").toUpperCase(java.util.Locale.ROOT);
        if (!METHODS.contains(method)) {
            s.problem("method", "expected one of " + String.join(", ", new TreeSet<>(METHODS)) + ", got " + method);
        }
        Template path = template(s, "path", null, allowed);
        if (path != null && !path.source().startsWith("/")) {
            s.problem("path", "expected a path starting with '/', e.g. \"/api/otp/check\" (the host is base-url's)");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        s.optionalSection("headers").ifPresent(h -> {
            for (String name : h.keys()) {
                String v = h.string(name, "");
                if (name.equalsIgnoreCase("content-type")) {
                    h.problem(name, "set by the body: form gives " + FORM + ", json gives " + JSON_TYPE);
                }
                headers.put(name, v);
            }
            h.finish();
        });
        Body body = body(s, allowed);
        if (body instanceof FormBody || body instanceof JsonFields || body instanceof JsonText) {
            if (method.equals("GET")) {
                s.problem("method", "a GET request has no body: put the values in the path's query instead, "
                        + "e.g. path = \"/otp/check?phone={address}&code={code}\"");
            }
        }
        s.finish();
        ExternalRequest r = new ExternalRequest(method, path == null ? Template.literal("/") : path, headers, body);
        if (verify && path != null && !r.placeholders().contains("code")) {
            s.problem("the verify request never sends the typed code: put {code} in its path or body");
        }
        return r;
    }

    private static Body body(Section s, Set<String> allowed) {
        boolean form = s.has("form");
        boolean json = s.has("json");
        if (form && json) {
            s.problem("json", "give either form { ... } or json, not both");
            return new NoBody();
        }
        if (form) {
            return s.optionalSection("form").map(f -> {
                // Alphabetical: HOCON does not keep key order, and a stable body is easier to compare.
                Map<String, Template> fields = new java.util.TreeMap<>();
                for (String key : f.keys()) {
                    Template t = template(f, key, "", allowed);
                    fields.put(key, t == null ? Template.literal("") : t);
                }
                f.finish();
                return (Body) new FormBody(fields);
            }).orElse(new NoBody());
        }
        if (json) {
            if (s.type("json") == ConfigValueType.OBJECT) {
                return new JsonFields(jsonFields(s.section("json"), allowed));
            }
            Template t = template(s, "json", "", allowed);
            if (t != null) {
                try {
                    // Check the shape with harmless values: a template that never makes JSON is a typo.
                    JSON.readTree(t.render(name -> name.equals("n") ? "1" : "x", Escapes::json));
                } catch (java.io.IOException e) {
                    s.problem("json", "does not make valid JSON once filled in: "
                            + e.getMessage().lines().findFirst().orElse(""));
                }
            }
            return t == null ? new NoBody() : new JsonText(t);
        }
        return new NoBody();
    }

    private static Map<String, Object> jsonFields(Section j, Set<String> allowed) {
        Map<String, Object> fields = new java.util.TreeMap<>(); // alphabetical, as form fields
        for (String key : j.keys()) {
            switch (j.type(key)) {
                case OBJECT -> fields.put(key, jsonFields(j.section(key), allowed));
                case BOOLEAN -> fields.put(key, j.bool(key, false));
                case NUMBER -> fields.put(key, j.number(key, 0.0, -Double.MAX_VALUE, Double.MAX_VALUE));
                case NULL -> fields.put(key, null);
                case LIST -> j.problem(key, "lists are not supported in json { ... }; write the body as a "
                        + "json = \"\"\"...\"\"\" text instead");
                default -> {
                    Template t = template(j, key, "", allowed);
                    fields.put(key, t == null ? Template.literal("") : t);
                }
            }
        }
        j.finish();
        return fields;
    }

    /** A template at {@code key}; null (and a problem recorded) when it is malformed. */
    static Template template(Section s, String key, String def, Set<String> allowed) {
        String text = s.string(key, def);
        if (text == null) {
            return null;
        }
        try {
            return Template.parse(text, allowed);
        } catch (IllegalArgumentException e) {
            s.problem(key, e.getMessage());
            return null;
        }
    }

    /** Every placeholder used in the path and the body. */
    Set<String> placeholders() {
        Set<String> names = new TreeSet<>(path.names());
        if (body instanceof FormBody f) {
            f.fields().values().forEach(t -> names.addAll(t.names()));
        } else if (body instanceof JsonText j) {
            names.addAll(j.text().names());
        } else if (body instanceof JsonFields j) {
            collect(j.fields(), names);
        }
        return names;
    }

    private static void collect(Map<String, Object> fields, Set<String> names) {
        for (Object v : fields.values()) {
            if (v instanceof Template t) {
                names.addAll(t.names());
            } else if (v instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) m;
                collect(nested, names);
            }
        }
    }

    @Override
    public String method() {
        return method;
    }

    /** The path as written (with placeholders); see {@link #path(TargetProtocol.Identity, Channel, String)}. */
    @Override
    public String path() {
        return path.source();
    }

    @Override
    public String path(TargetProtocol.Identity who, Channel channel, String code) {
        return path.render(values(who, channel, code), Escapes::url);
    }

    /** {@code application/json}, {@code application/x-www-form-urlencoded}, or null without a body. */
    @Override
    public String contentType() {
        return body.contentType();
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    /** The body for this person, channel and code, or null when the request has none. */
    @Override
    public String body(TargetProtocol.Identity who, Channel channel, String code) {
        return body.render(values(who, channel, code));
    }

    static java.util.function.Function<String, String> values(TargetProtocol.Identity who, Channel channel,
                                                             String code) {
        return name -> switch (name) {
            case "n" -> Long.toString(who.n());
            case "user" -> who.user();
            case "address" -> who.address();
            // No channel: a code read from the person's authenticator app.
            case "channel" -> channel == null ? AUTHENTICATOR : channel.id();
            case "code" -> code == null ? "" : code;
            default -> throw new IllegalStateException("placeholder {" + name + "} passed validation");
        };
    }

    @Override
    public String toString() {
        return method + " " + path.source();
    }
}
