package org.opudfa.experiments.run;

import org.opudfa.dfa.train.EpochMetrics;
import org.opudfa.experiments.spec.SweepPoint;
import org.opudfa.experiments.spec.SweepSpec;

/**
 * Receives progress from a running sweep, so that the caller decides what to show. Callbacks
 * may come from several worker threads at once; implementations synchronise themselves.
 */
public interface SweepListener {

    /**
     * A point starts running.
     *
     * @param sweep the sweep
     * @param point the point
     */
    default void pointStarted(SweepSpec sweep, SweepPoint point) {
    }

    /**
     * A training point finished an epoch.
     *
     * @param sweep   the sweep
     * @param point   the point
     * @param metrics the epoch's metrics
     */
    default void epochFinished(SweepSpec sweep, SweepPoint point, EpochMetrics metrics) {
    }

    /**
     * A point finished, or was found finished by an earlier run.
     *
     * @param sweep   the sweep
     * @param result  its result
     * @param skipped whether it was read from an earlier run instead of run
     * @param done    points finished so far in this sweep
     * @param total   points in the sweep
     */
    default void pointFinished(SweepSpec sweep, PointResult result, boolean skipped, int done, int total) {
    }

    /** A listener that ignores everything. */
    SweepListener NONE = new SweepListener() { };
}
