package org.opudfa.dfa.metric;

import java.util.List;
import java.util.Map;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;

/**
 * A named measurement accumulated over the batches of a pass over a data set (accuracy, bits per
 * character, PSNR, AUC, …): {@link #reset()}, then {@link #add} each batch's prediction, then read
 * {@link #value()}. Its name is the column it gets in tables and logs, prefixed by the set
 * ({@code test_accuracy}).
 */
public interface Metric {

    /** @return the column name, lower case with underscores, e.g. {@code "accuracy"} */
    String name();

    /** @return whether larger values are better (accuracy, AUC) or smaller (log loss, bits per character) */
    boolean higherIsBetter();

    /** Forgets everything added. */
    void reset();

    /**
     * @param prediction the model's output for the batch, rows × k, not modified
     * @param batch      the batch, holding the targets
     */
    void add(FMatrixRMaj prediction, Feed batch);

    /** @return the measurement over everything added since the last reset (NaN if nothing was) */
    double value();

    /**
     * Continues a run resumed from a checkpoint: a metric that carries something from one epoch to
     * the next (the best so far) takes it up again from the epochs the checkpoint recorded, so the
     * resumed run reports what the uninterrupted one would have. The default does nothing: most
     * metrics measure each epoch afresh.
     *
     * @param epochs the recorded epochs' columns, in order
     * @param column this metric's column in them, e.g. {@code test_accuracy}
     */
    default void resume(List<Map<String, Double>> epochs, String column) {
    }
}
