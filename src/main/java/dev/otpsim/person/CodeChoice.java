package dev.otpsim.person;

/**
 * Which arrived code a person types: the newest (what most people do), the first that arrived,
 * or a mix — each journey picks newest with probability {@code newestShare}.
 */
public record CodeChoice(double newestShare) {
    public static final CodeChoice NEWEST = new CodeChoice(1.0);
    public static final CodeChoice FIRST = new CodeChoice(0.0);

    public String describe() {
        if (newestShare == 1.0) {
            return "newest";
        }
        if (newestShare == 0.0) {
            return "first";
        }
        return "newest " + Math.round(newestShare * 100) + "%, first " + Math.round((1 - newestShare) * 100) + "%";
    }
}
