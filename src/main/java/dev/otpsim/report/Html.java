package dev.otpsim.report;

/**
 * Small HTML helpers. Every string that comes from a file (scenario text, names, versions, keys)
 * goes through {@link #esc}: a scenario is user input and the page is opened in a browser.
 */
public final class Html {
    private Html() {
    }

    public static String esc(Object o) {
        String s = String.valueOf(o);
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A relative link target: path separators as '/', each segment percent-encoded where needed. */
    public static String href(java.nio.file.Path relative) {
        StringBuilder b = new StringBuilder();
        for (java.nio.file.Path part : relative) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(java.net.URLEncoder.encode(part.toString(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return esc(b.toString());
    }

    /** The page's own stylesheet, inline so the folder opens from disk with nothing else. */
    public static final String STYLE = """
            body{font-family:"DejaVu Sans",system-ui,sans-serif;margin:24px auto;max-width:960px;color:#222;line-height:1.45}
            h1{font-size:1.6em;margin-bottom:.2em} h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
            .sub{color:#555;margin-top:0}
            table{border-collapse:collapse;margin:.6em 0}
            th,td{padding:4px 10px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            th{background:#f5f5f5}
            .headline td:first-child{color:#444}
            .pass{color:#1b7f3b;font-weight:bold} .fail{color:#c62828;font-weight:bold}
            .warning{background:#fff4e5;border-left:4px solid #e08a00;padding:.4em 1em;margin:1em 0}
            .problem{background:#fdecea;border-left:4px solid #c62828;padding:.4em 1em;margin:1em 0}
            .best{background:#e3f4e7;font-weight:bold}
            figure{margin:1.2em 0} figcaption{color:#444;font-size:.92em;max-width:900px}
            img{border:1px solid #eee;max-width:100%;height:auto}
            pre{background:#f7f7f7;padding:10px;overflow:auto;font-size:.85em}
            .note{color:#666;font-size:.9em}
            .wide{overflow-x:auto} table.compare{font-size:.86em} table.compare th{white-space:nowrap}
            .invalid{background:#fdecea;border-left:4px solid #c62828;padding:.4em 1em;margin:1em 0}
            tr.invalid td{background:#fdecea;color:#777}
            table.decision{font-size:.9em} table.decision small{color:#555}
            small.noise{color:#888} small.diff{color:#1a4f9c;font-weight:bold}
            """;
}
