package dev.otpsim.carrier.gateway;

import dev.otpsim.config.Section;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Where the carrier gateway listens and how it finds codes in message bodies.
 *
 * <pre>
 * gateway { host = 127.0.0.1, port = 0, smtp-port = 0, code-pattern = "\\b\\d{4,8}\\b" }   # 0 = any free port
 * </pre>
 *
 * @param host        address both listeners bind to; a non-loopback one must be allowed by the user
 *                    ({@code dev.otpsim.http.LoopbackGuard})
 * @param port        HTTP port, 0 for an ephemeral one
 * @param smtpPort    SMTP port, 0 for an ephemeral one
 * @param codePattern finds the code in a body: its first capture group if it has one, else the whole match
 */
public record GatewaySpec(String host, int port, int smtpPort, Pattern codePattern) {

    /** The first run of 4 to 8 digits standing on its own. */
    public static final String DEFAULT_CODE_PATTERN = "\\b\\d{4,8}\\b";

    /** 127.0.0.1, ephemeral ports, the default code pattern. */
    public static final GatewaySpec DEFAULTS =
            new GatewaySpec("127.0.0.1", 0, 0, Pattern.compile(DEFAULT_CODE_PATTERN));

    /** Reads a {@code gateway} object; problems are recorded in the section's {@code Problems}. */
    public static GatewaySpec read(Section s) {
        String host = s.string("host", DEFAULTS.host());
        int port = s.integer("port", 0, 0, 65_535);
        int smtpPort = s.integer("smtp-port", 0, 0, 65_535);
        if (port != 0 && port == smtpPort) {
            s.problem("smtp-port", "is the same port as gateway.port (" + port + "): HTTP and SMTP cannot both listen "
                    + "on it (\"Address already in use\"); give two ports, or 0 for any free one");
        }
        String regex = s.string("code-pattern", DEFAULT_CODE_PATTERN);
        Pattern pattern = DEFAULTS.codePattern();
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            s.problem("code-pattern", "not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
        s.finish();
        return new GatewaySpec(host, port, smtpPort, pattern);
    }

    public GatewaySpec withPorts(int httpPort, int smtp) {
        return new GatewaySpec(host, httpPort, smtp, codePattern);
    }
}
