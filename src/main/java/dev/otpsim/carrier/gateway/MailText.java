package dev.otpsim.carrier.gateway;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text a person would read in an email, from the raw DATA of an SMTP transaction: headers
 * dropped (a Date header's digits are no code), base64 and quoted-printable decoded, and for
 * multipart mail the first {@code text/plain} part (else the first {@code text/*} part, tags
 * stripped). Enough MIME for what OTP senders produce; not a general mail parser.
 *
 * <pre>{@code
 * String text = MailText.of(rawBytes);   // "Your code is 482913\r\n"
 * }</pre>
 */
public final class MailText {
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary\\s*=\\s*(?:\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*(?:\"([^\"]+)\"|([^;\\s]+))");
    private static final int MAX_DEPTH = 5;

    private MailText() {
    }

    /** The readable text of a raw message (headers, blank line, body). */
    public static String of(byte[] raw) {
        // ISO-8859-1 maps bytes 1:1 to chars, so structure can be parsed before charsets are known.
        String text = part(new String(raw, StandardCharsets.ISO_8859_1), 0);
        return text == null ? "" : text;
    }

    /** The text of one MIME entity, or null when it holds no text part. */
    private static String part(String entity, int depth) {
        int split = headerEnd(entity);
        Map<String, String> headers = headers(split < 0 ? "" : entity.substring(0, split));
        String body = split < 0 ? entity : entity.substring(split);
        String type = headers.getOrDefault("content-type", "text/plain").toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/") && depth < MAX_DEPTH) {
            return multipart(headers.get("content-type"), body, depth);
        }
        if (!type.startsWith("text/")) {
            return null;
        }
        byte[] bytes = decode(headers.getOrDefault("content-transfer-encoding", "7bit"), body);
        String decoded = new String(bytes, charset(headers.get("content-type")));
        return type.startsWith("text/html") ? decoded.replaceAll("<[^>]*>", " ") : decoded;
    }

    private static String multipart(String contentType, String body, int depth) {
        Matcher b = BOUNDARY.matcher(contentType);
        if (!b.find()) {
            return body; // declared multipart without a boundary: read it as it is
        }
        String delimiter = "--" + (b.group(1) != null ? b.group(1) : b.group(2));
        String[] chunks = body.split(Pattern.quote(delimiter));
        String firstText = null;
        // chunks[0] is the preamble; a chunk starting with "--" follows the closing delimiter.
        for (int i = 1; i < chunks.length; i++) {
            String chunk = chunks[i];
            if (chunk.startsWith("--")) {
                break;
            }
            chunk = chunk.replaceFirst("^[ \\t]*\\r?\\n", "");
            int split = headerEnd(chunk);
            String type = headers(split < 0 ? "" : chunk.substring(0, split))
                    .getOrDefault("content-type", "text/plain").toLowerCase(Locale.ROOT);
            String text = part(chunk, depth + 1);
            if (text == null) {
                continue;
            }
            if (type.startsWith("text/plain") || type.startsWith("multipart/")) {
                return text;
            }
            if (firstText == null) {
                firstText = text;
            }
        }
        return firstText;
    }

    /** Index where the body starts (after the blank line), or -1 when there is no header block. */
    private static int headerEnd(String entity) {
        if (entity.startsWith("\r\n")) {
            return 2;
        }
        if (entity.startsWith("\n")) {
            return 1;
        }
        int crlf = entity.indexOf("\r\n\r\n");
        int lf = entity.indexOf("\n\n");
        if (crlf < 0 && lf < 0) {
            return looksLikeHeaders(entity) ? entity.length() : -1;
        }
        if (crlf >= 0 && (lf < 0 || crlf < lf)) {
            return looksLikeHeaders(entity.substring(0, crlf)) ? crlf + 4 : -1;
        }
        return looksLikeHeaders(entity.substring(0, lf)) ? lf + 2 : -1;
    }

    /** A body with no headers at all (a bare "Your code is 1234") must not lose its first paragraph. */
    private static boolean looksLikeHeaders(String block) {
        for (String line : block.split("\r?\n")) {
            if (line.isEmpty() || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                continue;
            }
            if (!line.matches("[!-9;-~]+:.*")) {
                return false;
            }
        }
        return !block.isEmpty();
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new LinkedHashMap<>();
        String unfolded = block.replaceAll("\r?\n[ \t]+", " ");
        for (String line : unfolded.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static byte[] decode(String encoding, String body) {
        String e = encoding.trim().toLowerCase(Locale.ROOT);
        if (e.equals("base64")) {
            try {
                return Base64.getMimeDecoder().decode(body);
            } catch (IllegalArgumentException bad) {
                return body.getBytes(StandardCharsets.ISO_8859_1);
            }
        }
        if (e.equals("quoted-printable")) {
            return quotedPrintable(body);
        }
        return body.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] quotedPrintable(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=') {
                if (s.startsWith("\r\n", i + 1)) {
                    i += 2; // soft line break
                    continue;
                }
                if (s.startsWith("\n", i + 1)) {
                    i += 1;
                    continue;
                }
                if (i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                    continue;
                }
            }
            out.write(c);
        }
        return out.toByteArray();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            Matcher m = CHARSET.matcher(contentType);
            if (m.find()) {
                try {
                    return Charset.forName(m.group(1) != null ? m.group(1) : m.group(2));
                } catch (RuntimeException unknown) {
                    // An unknown charset still shows ASCII digits correctly.
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
