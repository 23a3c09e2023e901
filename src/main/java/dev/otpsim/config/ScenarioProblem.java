package dev.otpsim.config;

/**
 * One thing wrong with a scenario, located where the user can fix it.
 *
 * @param file     the file that holds the offending value (an included file where it came from one)
 * @param line     1-based line, or -1 when the value has no line (e.g. a missing key)
 * @param key      full dotted path of the key, e.g. {@code carriers.sms.loss.probability}
 * @param message  what was wrong and what was expected
 */
public record ScenarioProblem(String file, int line, String key, String message) {

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(file == null ? "<scenario>" : file);
        if (line > 0) {
            b.append(':').append(line);
        }
        b.append(": ");
        if (key != null && !key.isEmpty()) {
            b.append(key).append(": ");
        }
        return b.append(message).toString();
    }
}
