package org.opudfa.dfa.nn;

import org.ejml.data.FMatrixRMaj;

/**
 * A module whose gradient to its input is a product with a weight matrix, {@code ∂x = G·W} for
 * weights {@code W} of shape out × in (a dense layer, the projections inside attention).
 * Feedback alignment (Lillicrap et al. 2016) replaces {@code W} in that one product by a fixed
 * random matrix {@code B} of the same shape; weight gradients are unaffected.
 */
public interface LinearMap extends Module {

    /** @return the weights W, out × in, whose shape a feedback matrix must have */
    Parameter weight();

    /**
     * Chooses the matrix backward sends the gradient to the input through: {@code null} for the
     * weights (backpropagation), or a fixed out × in matrix {@code B} (feedback alignment). Held by
     * reference, not copied.
     *
     * @param feedback the feedback matrix, or {@code null} to backpropagate through W
     * @throws IllegalArgumentException if {@code feedback} does not have W's shape
     */
    void setFeedbackMatrix(FMatrixRMaj feedback);
}
