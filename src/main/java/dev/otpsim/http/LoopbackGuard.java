package dev.otpsim.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The SPEC's guard rail: otpsim talks to and listens on loopback addresses (127.0.0.0/8, ::1)
 * only, unless the user names another host explicitly (e.g. {@code --allow-host staging.example}).
 * A load tool pointed at the wrong host by a typo is a denial-of-service tool.
 *
 * <pre>{@code
 * LoopbackGuard.refusal("gateway", "10.0.0.5", List.of()).ifPresent(msg -> { print msg; exit 2 });
 * }</pre>
 */
public final class LoopbackGuard {
    private LoopbackGuard() {
    }

    /**
     * Why {@code host} must not be used for {@code what} (e.g. "listen address", "gateway"), or
     * empty when it is a loopback address or one of {@code allowed} (compared ignoring case).
     */
    public static Optional<String> refusal(String what, String host, Collection<String> allowed) {
        return refusal(what, host, allowed, "--allow-host");
    }

    /** Like {@link #refusal(String, String, Collection)}, naming the command's own flag (e.g. {@code --allow-target}). */
    public static Optional<String> refusal(String what, String host, Collection<String> allowed, String flag) {
        if (host == null || host.isBlank()) {
            return Optional.of(what + ": no host given");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        for (String a : allowed) {
            if (a.toLowerCase(Locale.ROOT).equals(bare.toLowerCase(Locale.ROOT))) {
                return Optional.empty();
            }
        }
        try {
            if (InetAddress.getByName(bare).isLoopbackAddress()) {
                return Optional.empty();
            }
        } catch (UnknownHostException e) {
            return Optional.of(what + ": unknown host \"" + bare + "\"");
        }
        return Optional.of(what + ": " + bare + " is not a loopback address (127.0.0.0/8 or ::1), and otpsim "
                + "only sends load to or listens on other hosts when told so explicitly; pass " + flag + " " + bare
                + " to use it anyway");
    }
}
