package dev.otpsim.carrier.gateway;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the one-time code in a message body, as a person reading it would.
 *
 * <pre>{@code
 * CodeExtractor codes = new CodeExtractor(Pattern.compile("\\b\\d{4,8}\\b"));
 * codes.extract("Your code is 482913. It expires in 10 minutes."); // "482913"
 * new CodeExtractor(Pattern.compile("code: (\\w+)")).extract("code: AB12C"); // "AB12C"
 * }</pre>
 */
public final class CodeExtractor {
    private final Pattern pattern;

    public CodeExtractor(Pattern pattern) {
        this.pattern = pattern;
    }

    /** The first match's first capture group (or the whole match without groups), or null when none. */
    public String extract(CharSequence body) {
        if (body == null) {
            return null;
        }
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            return null;
        }
        String code = m.groupCount() > 0 ? m.group(1) : m.group();
        return code == null || code.isEmpty() ? null : code;
    }

    public Pattern pattern() {
        return pattern;
    }
}
