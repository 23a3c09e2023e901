package dev.otpsim.report.compare;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code otpsim compare} was asked, handed to the run engine when it builds a
 * {@link VariantRunner}. Seed and time-scale are already applied to every variant's config; they
 * are here for runners that set things up once for the whole sweep.
 *
 * @param sweepFile   the sweep file
 * @param compareDir  where the comparison writes; variants run in sub-directories of it
 * @param seed        {@code --seed}, if given
 * @param timeScale   {@code --time-scale}, if given
 * @param engine       {@code virtual} or {@code gatling}, already set in every variant's scenario
 * @param replications runs per variant, seeds derived from the base seed (the same seeds for every variant)
 */
public record CompareOptions(Path sweepFile, Path compareDir, Optional<Long> seed, Optional<Double> timeScale,
                             String engine, int replications) {
}
