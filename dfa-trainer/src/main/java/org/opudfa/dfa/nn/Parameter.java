package org.opudfa.dfa.nn;

import org.ejml.data.FMatrixRMaj;

/**
 * A trainable tensor and its gradient, of the same shape. Layers own their parameters;
 * training rules write {@link #grad()}; optimizers read it and update {@link #value()} in place.
 *
 * <p>Zeroing is lazy: {@link #zeroGrad()} only marks the gradient as zero, and the buffer is
 * cleared when {@link #grad()} is next asked for, unless a layer first takes over with
 * {@link #gradAccumulationBeta()} and overwrites it whole (as a dense layer's weight-gradient
 * product does), which saves a pass over every weight in every step.
 */
public final class Parameter {

    private final String name;
    private final FMatrixRMaj value;
    private final FMatrixRMaj grad;
    /** whether the gradient is zero although the buffer has not been cleared yet */
    private boolean gradPendingZero;

    /**
     * @param name  a name unique within its network, e.g. {@code "block0.dense.weight"}
     * @param value the initial value; held, not copied
     */
    public Parameter(String name, FMatrixRMaj value) {
        this.name = name;
        this.value = value;
        this.grad = new FMatrixRMaj(value.numRows, value.numCols);
    }

    /** @return the parameter's name */
    public String name() {
        return name;
    }

    /** @return the value, updated in place by optimizers */
    public FMatrixRMaj value() {
        return value;
    }

    /** @return the gradient buffer, same shape as the value (cleared first if a zeroing is pending) */
    public FMatrixRMaj grad() {
        if (gradPendingZero) {
            java.util.Arrays.fill(grad.data, 0, grad.getNumElements(), 0f);
            gradPendingZero = false;
        }
        return grad;
    }

    /**
     * For a layer about to add a product to the gradient with {@code grad = P + β·grad}: the
     * {@code β} to use. It is 0 if the gradient is zero but not yet cleared, and then the caller
     * must write every entry of {@link #grad()} (with {@code β = 0} a GEMM ignores the old
     * contents); otherwise it is 1. Either way the gradient counts as written from then on.
     *
     * @return 0 or 1
     */
    public float gradAccumulationBeta() {
        if (gradPendingZero) {
            gradPendingZero = false;
            return 0f;
        }
        return 1f;
    }

    /** @return the number of scalars */
    public int size() {
        return value.getNumElements();
    }

    /** Sets the gradient to zero (lazily: see the class description). */
    public void zeroGrad() {
        gradPendingZero = true;
    }

    @Override
    public String toString() {
        return name + " " + value.numRows + "×" + value.numCols;
    }
}
