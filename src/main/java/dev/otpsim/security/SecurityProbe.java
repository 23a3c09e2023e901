package dev.otpsim.security;

/**
 * One security probe: drives the target through a {@link Harness} with people of its own, and
 * records its evidence and any weakness in the builder. Throws {@link Inconclusive} when it
 * cannot decide.
 */
interface SecurityProbe {
    /** Short name, used on the command line ({@code --probes}) and in the JSON. */
    String id();

    /** What it checks, in a few words. */
    String title();

    /** When it passes, in words (shown next to the verdict). */
    String criterion();

    void run(Harness h, ProbeResult.Builder r) throws InterruptedException;
}
