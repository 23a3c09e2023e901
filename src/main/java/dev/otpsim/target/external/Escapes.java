package dev.otpsim.target.external;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** How a placeholder's value is made safe where it lands in a request. */
final class Escapes {
    private Escapes() {
    }

    /** Inside a JSON string literal written in a template: quotes, backslashes, control characters. */
    static String json(String v) {
        StringBuilder b = new StringBuilder(v.length() + 8);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** A form field or query value: {@code +} becomes {@code %2B}, so a phone number survives. */
    static String form(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    /** A value in a URL path or query: like a form value, but a space is {@code %20} (valid in both). */
    static String url(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String none(String v) {
        return v;
    }
}
