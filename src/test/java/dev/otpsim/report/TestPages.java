package dev.otpsim.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads back what a test needs from a report page: its machine-checkable figures and its links. */
public final class TestPages {
    private TestPages() {
    }

    private static final Pattern FIGURE = Pattern.compile("data-key=\"([^\"]+)\" data-value=\"([^\"]*)\"");
    private static final Pattern LINK = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    /** data-key → data-value, in page order. */
    public static Map<String, String> figures(String html) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = FIGURE.matcher(html);
        while (m.find()) {
            out.put(unescape(m.group(1)), unescape(m.group(2)));
        }
        return out;
    }

    public static List<String> links(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = LINK.matcher(html);
        while (m.find()) {
            out.add(unescape(m.group(1)));
        }
        return out;
    }

    public static List<String> images(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            out.add(unescape(m.group(1)));
        }
        return out;
    }

    /** The node a data-key names: dotted path; a number indexes a list; "length" is a list's size. */
    public static JsonNode resolve(JsonNode root, String key) {
        JsonNode n = root;
        for (String part : key.split("\\.")) {
            if (n.isArray() && part.equals("length")) {
                return com.fasterxml.jackson.databind.node.IntNode.valueOf(n.size());
            }
            n = n.isArray() ? n.path(Integer.parseInt(part)) : n.path(part);
        }
        return n;
    }

    public static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** Every figure the page marks, compared with the value at the same path in summary.json. */
    public static void assertEqualsSummary(JsonNode summary, Map<String, String> figures) {
        for (Map.Entry<String, String> f : figures.entrySet()) {
            JsonNode v = resolve(summary, f.getKey());
            if (v.isMissingNode()) {
                org.junit.jupiter.api.Assertions.fail("page shows " + f.getKey() + " which summary.json does not have");
            } else if (v.isBoolean()) {
                org.junit.jupiter.api.Assertions.assertEquals(v.asText(), f.getValue(), f.getKey());
            } else {
                org.junit.jupiter.api.Assertions.assertEquals(v.asDouble(), Double.parseDouble(f.getValue()), 0.0, f.getKey());
            }
        }
    }

    /** Copies a written report somewhere stable, to look at it while styling. */
    public static void copyTree(java.nio.file.Path from, java.nio.file.Path to) throws Exception {
        try (var files = java.nio.file.Files.walk(from)) {
            for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) files::iterator) {
                java.nio.file.Path t = to.resolve(from.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) {
                    java.nio.file.Files.createDirectories(t);
                } else {
                    java.nio.file.Files.copy(p, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
