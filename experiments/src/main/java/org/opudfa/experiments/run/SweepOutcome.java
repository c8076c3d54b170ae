package org.opudfa.experiments.run;

import java.nio.file.Path;
import java.util.List;

import org.opudfa.experiments.spec.SweepSpec;

/**
 * A finished sweep.
 *
 * @param spec    the sweep
 * @param folder  where its files are
 * @param results one per point, in the spec's point order
 * @param skipped points found finished by an earlier run and not run again
 */
public record SweepOutcome(SweepSpec spec, Path folder, List<PointResult> results, int skipped) {

    /**
     * Copies the list.
     *
     * @param spec    the sweep
     * @param folder  where its files are
     * @param results one per point, in the spec's point order
     * @param skipped points found finished by an earlier run and not run again
     */
    public SweepOutcome {
        results = List.copyOf(results);
    }
}
