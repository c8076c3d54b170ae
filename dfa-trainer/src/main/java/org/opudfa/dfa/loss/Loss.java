package org.opudfa.dfa.loss;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;

/**
 * A scalar loss {@code L(ŷ, batch)}, averaged over the batch's labelled items, and its gradient
 * with respect to the prediction. The prediction is rows × k (one row per item: a sample, a token,
 * a node, a ray); the loss reads its targets from the batch under the key it was built with
 * (class ids with an ignore index, dense float targets, binary labels).
 */
public interface Loss {

    /**
     * @param prediction ŷ, rows × k, not modified
     * @param batch      the batch holding the targets
     * @return the mean loss
     * @throws IllegalArgumentException if the targets do not fit the prediction
     */
    double value(FMatrixRMaj prediction, Feed batch);

    /**
     * Computes the loss and writes {@code e = ∂L/∂ŷ} (the mean reduction's factor included; zero on
     * rows without a target) into {@code gradient}, which is reshaped to rows × k.
     *
     * @param prediction ŷ, rows × k, not modified
     * @param batch      the batch holding the targets
     * @param gradient   output, overwritten; not {@code prediction}
     * @return the mean loss
     * @throws IllegalArgumentException if the targets do not fit the prediction or {@code gradient} is an input
     */
    double valueAndGradient(FMatrixRMaj prediction, Feed batch, FMatrixRMaj gradient);

    /**
     * A loss value that no run that still learns reaches, for divergence detection: a floor under
     * the trainer's threshold that catches a blow-up from the first step on.
     *
     * @param outputs the prediction's width (e.g. the number of classes)
     * @return the bound, or 0 when this loss's scale is unknown (the default; the trainer then
     *     judges by the loss's growth alone)
     */
    default double divergenceBound(int outputs) {
        return 0;
    }
}
