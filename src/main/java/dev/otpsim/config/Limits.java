package dev.otpsim.config;

import java.time.Duration;

/**
 * Every bound otpsim puts on a scenario, in one place. Each is far above what a real scenario
 * needs and below what breaks the loader or one machine; a file beyond one is refused by
 * {@code validate} (and before {@code run} starts anything) as a problem naming file, line and key.
 *
 * <pre>{@code
 * if (load.expectedJourneys() > Limits.MAX_JOURNEYS) section.problem("load", "...");
 * }</pre>
 * README.md ("Reliability and safety") lists them for users; change both together.
 */
public final class Limits {
    private Limits() {
    }

    // ---- what the loader reads ------------------------------------------------------------

    /**
     * Bytes of a scenario file and all its includes together. Hand-written scenarios are a few
     * kilobytes; the parser holds the whole text and its tree in memory.
     */
    public static final long MAX_SCENARIO_BYTES = 1L << 20;

    /**
     * Include statements followed for one scenario, repeats counted: a file that includes two
     * files that each include two more doubles per level, like a substitution bomb.
     */
    public static final int MAX_INCLUDES = 64;

    /**
     * Levels of objects, lists and dotted keys, before and after substitution. The HOCON parser and
     * resolver recurse once per level and overflow the stack at a few thousand; shipped scenarios
     * nest at most 7.
     */
    public static final int MAX_NESTING = 32;

    /**
     * Substitutions that refer to substitutions, in one chain ({@code a = ${b}}, {@code b = ${c}}, ...):
     * the resolver recurses once per link; profiles picked with ${...} are a link or two.
     */
    public static final int MAX_SUBSTITUTION_CHAIN = 32;

    /**
     * Characters of the scenario once every substitution is expanded, estimated before expanding.
     * {@code b1 = ${b0}${b0}} ... {@code b30} doubles thirty times into a gigabyte; shipped
     * scenarios expand to under 3,000.
     */
    public static final long MAX_EXPANDED_CHARS = 4_000_000;

    // ---- what one machine can run ---------------------------------------------------------

    /**
     * Journeys one run may start (the load profile's integral). Memory grows with journeys in
     * flight, but ledger.csv by about 250 bytes a journey (5 GB at this bound); beyond tens of
     * millions a typo ({@code duration = 106000d}) is likelier than intent.
     */
    public static final long MAX_JOURNEYS = 20_000_000;

    /**
     * Metrics windows over the run (its simulated length / {@code metrics.window}): one row each in
     * timeseries.csv and one interval in each HdrHistogram log, and the report charts every one.
     * 100,000 rows is a 10 MB CSV; {@code window = 1ms} made 1.37 million and no summary.
     */
    public static final long MAX_WINDOWS = 100_000;

    /**
     * Real time a run may take (its simulated length / time-scale). The Gatling injection plans
     * one step per real second in advance; a week is longer than any load test a person waits for.
     */
    public static final Duration MAX_REAL_RUN = Duration.ofDays(7);

    /**
     * Variants of one comparison (the product of its knobs' value counts). Each is a full run of
     * the base scenario, and validation builds every one: ten knobs of ten values would be ten
     * billion.
     */
    public static final int MAX_VARIANTS = 1_000;

    /**
     * Characters of a scenario's name, which names the report folder with a date after it:
     * file systems refuse names over 255 bytes ("the run failed: &lt;path&gt;").
     */
    public static final int MAX_NAME_LENGTH = 100;
}
