package org.opudfa.dfa.train;

/**
 * Receives progress from a training run, so that the caller (the command line, an experiment)
 * decides what to show; the library itself prints nothing. Callbacks run on the training thread
 * and should return quickly.
 */
public interface TrainingListener {

    /**
     * Called after each optimizer step.
     *
     * @param epoch        1-based epoch
     * @param batch        1-based batch within the epoch
     * @param batches      batches in the epoch
     * @param loss         the batch's loss
     */
    default void onBatch(int epoch, int batch, int batches, double loss) {
    }

    /**
     * Called after each epoch's evaluation.
     *
     * @param metrics what the epoch measured
     */
    default void onEpoch(EpochMetrics metrics) {
    }

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() { };
}
