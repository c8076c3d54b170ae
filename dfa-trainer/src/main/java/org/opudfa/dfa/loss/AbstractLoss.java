package org.opudfa.dfa.loss;

import org.ejml.data.FMatrixRMaj;

/**
 * Skeleton of a {@link Loss}: checks the shapes once, then computes the value and, when asked,
 * the gradient in one pass of {@link #compute}.
 */
public abstract class AbstractLoss implements Loss {

    /** For subclasses. */
    protected AbstractLoss() {
    }

    @Override
    public final double value(FMatrixRMaj prediction, FMatrixRMaj target) {
        LossChecks.requireMatching(prediction, target);
        return compute(prediction, target, null);
    }

    @Override
    public final double valueAndGradient(FMatrixRMaj prediction, FMatrixRMaj target, FMatrixRMaj gradient) {
        LossChecks.requireMatching(prediction, target);
        LossChecks.requireDistinct(prediction, target, gradient);
        return compute(prediction, target, gradient);
    }

    /**
     * @param prediction ŷ, batch × k, of the target's shape (checked)
     * @param target     t, batch × k
     * @param gradient   where to write {@code e = ∂L/∂ŷ} (reshaped to batch × k), or null for the value only
     * @return the mean loss
     */
    protected abstract double compute(FMatrixRMaj prediction, FMatrixRMaj target, FMatrixRMaj gradient);
}
