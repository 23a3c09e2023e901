package dev.otpsim.config;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How a scenario's {@code include} statements are followed: files only, each relative to the file
 * that includes it (whatever the working directory), a missing one is an error, and nothing is
 * fetched from a URL or the class path.
 *
 * <p>Typesafe Config's own includer resolves {@code include "x.conf"} against the including file
 * only when that file's name has a parent folder ({@code otpsim run solo.conf} silently read no
 * include at all), resolves {@code include file("x")} against the working directory, falls back to
 * the class path when a file is missing, ignores missing includes, and fetches
 * {@code include url("http://...")} (or {@code include "http://..."}) from any host with no timeout.
 * One instance serves one file; {@link ScenarioFiles} creates it with the file's text, to name the
 * line of a refused include.
 */
final class ScenarioIncluder implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {
    private final Path including;
    private final String text;
    private final ScenarioFiles.Reading reading;

    ScenarioIncluder(Path including, String text, ScenarioFiles.Reading reading) {
        this.including = including;
        this.text = text;
        this.reading = reading;
    }

    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
        return this; // never Typesafe's default: it would fetch URLs and read the class path
    }

    /** {@code include "name"}: a URL by Typesafe's rule (it parses as one), else a file. */
    @Override
    public ConfigObject include(ConfigIncludeContext context, String name) {
        if (isUrl(name)) {
            return refuse("", name, "include \"" + name + "\"", URL_REFUSED);
        }
        return includeFile("", name, "include \"" + name + "\"");
    }

    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File file) {
        return includeFile("file", file.getPath(), "include file(\"" + file.getPath() + "\")");
    }

    @Override
    public ConfigObject includeURL(ConfigIncludeContext context, URL url) {
        String name = url.toExternalForm();
        if ("file".equals(url.getProtocol())) {
            return refuse("url", name, "include url(\"" + name + "\")", "a file is included by its path: include \""
                    + url.getPath() + "\"");
        }
        return refuse("url", name, "include url(\"" + name + "\")", URL_REFUSED);
    }

    @Override
    public ConfigObject includeResources(ConfigIncludeContext context, String resource) {
        return refuse("classpath", resource, "include classpath(\"" + resource + "\")",
                "refused: the class path holds otpsim's and its libraries' own settings, not scenarios; "
                        + "include a file by its path instead");
    }

    private static final String URL_REFUSED = "refused: a scenario includes only files, never a URL "
            + "(it would fetch from another machine whenever the scenario is validated or run, and hang "
            + "when it does not answer); download the file and include it by its path";

    private ConfigObject includeFile(String kind, String name, String statement) {
        Path relative = Path.of(name);
        Path base = including.getParent();
        Path wanted = (relative.isAbsolute() || base == null ? relative : base.resolve(relative)).normalize();
        Path found = find(wanted);
        if (found == null) {
            return refuse(kind, name, statement, "no such file " + wanted + " (an include is relative to the file "
                    + "that includes it)");
        }
        if (!Files.isRegularFile(found)) {
            return refuse(kind, name, statement, found + " is not a regular file");
        }
        if (reading.includes() >= Limits.MAX_INCLUDES) {
            return refuse(kind, name, statement, "more than " + Limits.MAX_INCLUDES + " includes in one scenario "
                    + "(repeats counted); include each file once");
        }
        if (reading.isOpen(found)) {
            return refuse(kind, name, statement, "includes itself: " + reading.chain(found));
        }
        return reading.read(found, ScenarioFiles.display(including), line(kind, name));
    }

    /** The file, or for a name without an extension the first of name.conf, name.json, name.properties. */
    private static Path find(Path wanted) {
        if (Files.exists(wanted)) {
            return wanted;
        }
        String file = wanted.getFileName() == null ? "" : wanted.getFileName().toString();
        if (file.endsWith(".conf") || file.endsWith(".json") || file.endsWith(".properties")) {
            return null;
        }
        for (String ext : List.of(".conf", ".json", ".properties")) {
            Path p = wanted.resolveSibling(file + ext);
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }

    private ConfigObject refuse(String kind, String name, String statement, String why) {
        reading.problem(new ScenarioProblem(ScenarioFiles.display(including), line(kind, name), "", statement + ": " + why));
        return ConfigFactory.empty(statement).root();
    }

    /** Line of the statement in the including file; {@code kind} as in {@link ScenarioText#includeLine}. */
    private int line(String kind, String name) {
        return ScenarioText.includeLine(text, kind, name).orElse(-1);
    }

    private static boolean isUrl(String name) {
        try {
            new URL(name);
            return true;
        } catch (MalformedURLException e) {
            return false;
        }
    }
}
