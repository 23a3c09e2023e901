package dev.otpsim.report.compare;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.List;

/**
 * One knob a sweep varies: a dotted path into the base scenario and the values to try, in the
 * sweep file's order (which is the order of the x axis and of the table).
 *
 * @param path    e.g. {@code people.profile.resend-wait}
 * @param values  as parsed from the sweep file, so each keeps its file and line
 */
public record Knob(String path, List<ConfigValue> values) {

    /** Short name for tables and axes: the last path element, e.g. {@code resend-wait}. */
    public String label() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    /** How a value is shown: {@code 15s}, {@code latest-only}, or HOCON for objects and lists. */
    public static String text(ConfigValue v) {
        if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
            return v.render(ConfigRenderOptions.concise());
        }
        return String.valueOf(v.unwrapped());
    }
}
