package org.opudfa.experiments.run;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished experiment or stand-alone sweep.
 *
 * @param folder  where its files are
 * @param sweeps  its sweeps, in run order
 * @param plots   the charts written, as files in {@code folder}
 */
public record ExperimentOutcome(Path folder, List<SweepOutcome> sweeps, List<Path> plots) {

    /**
     * Copies the lists.
     *
     * @param folder  where its files are
     * @param sweeps  its sweeps, in run order
     * @param plots   the charts written, as files in {@code folder}
     */
    public ExperimentOutcome {
        sweeps = List.copyOf(sweeps);
        plots = List.copyOf(plots);
    }
}
