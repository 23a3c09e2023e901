package dev.otpsim.run;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The versions and machine a run records in {@code run-info.json}. */
public final class Versions {
    private Versions() {
    }

    public static Map<String, String> all() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("otpsim", of("dev.otpsim", "otpsim"));
        v.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        v.put("gatling", io.gatling.commons.util.GatlingVersion$.MODULE$.ThisVersion().fullVersion());
        v.put("akka", akka.Version.current());
        v.put("hdrhistogram", of("org.hdrhistogram", "HdrHistogram"));
        v.put("jfreechart", of("org.jfree", "jfreechart"));
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        return v;
    }

    /** A library's version from the pom.properties Maven puts in its jar (kept by the shaded jar too). */
    public static String of(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (var in = Versions.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
