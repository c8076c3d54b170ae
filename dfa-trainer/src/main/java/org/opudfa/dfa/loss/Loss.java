package org.opudfa.dfa.loss;

import org.ejml.data.FMatrixRMaj;

/**
 * A scalar loss {@code L(ŷ, t)} averaged over a batch, and its gradient with respect to the
 * prediction. Predictions and targets are batch × k, one sample per row (for classification the
 * target rows are one-hot or, more generally, probability vectors).
 */
public interface Loss {

    /**
     * @param prediction ŷ, batch × k, not modified
     * @param target     t, batch × k, not modified
     * @return the mean loss {@code L(ŷ, t)}
     * @throws IllegalArgumentException if the shapes differ
     */
    double value(FMatrixRMaj prediction, FMatrixRMaj target);

    /**
     * Computes the loss and writes {@code e = ∂L/∂ŷ} (the mean reduction's {@code 1/batch}
     * included) into {@code gradient}, which is reshaped to batch × k (allocating only if its
     * array is too small).
     *
     * @param prediction ŷ, batch × k, not modified
     * @param target     t, batch × k, not modified
     * @param gradient   output, overwritten; not {@code prediction} nor {@code target}
     * @return the mean loss {@code L(ŷ, t)}
     * @throws IllegalArgumentException if the shapes differ or {@code gradient} is an input
     */
    double valueAndGradient(FMatrixRMaj prediction, FMatrixRMaj target, FMatrixRMaj gradient);
}
