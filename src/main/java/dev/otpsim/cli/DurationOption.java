package dev.otpsim.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;

/**
 * A duration given on the command line, in the scenario files' syntax ({@code 90s}, {@code 2m},
 * {@code 500ms}), read by the same parser so that both accept the same words.
 *
 * <pre>{@code
 * Duration d = DurationOption.parse("--timeout", "90s");
 * }</pre>
 */
final class DurationOption {
    private DurationOption() {
    }

    /** @throws IllegalArgumentException naming {@code flag} and what was expected, when {@code text} is no duration */
    static Duration parse(String flag, String text) {
        try {
            return ConfigFactory.parseString("d = \"" + text.replace("\"", "") + "\"").getDuration("d");
        } catch (ConfigException e) {
            throw new IllegalArgumentException(flag + ": expected a duration such as 90s or 2m, got \"" + text + "\"");
        }
    }
}
