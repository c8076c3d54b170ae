package org.opudfa.dfa.nn;

import org.ejml.data.FMatrixRMaj;

/**
 * A trainable tensor and its gradient, of the same shape. Layers own their parameters;
 * training rules write {@link #grad()}; optimizers read it and update {@link #value()} in place.
 */
public final class Parameter {

    private final String name;
    private final FMatrixRMaj value;
    private final FMatrixRMaj grad;

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

    /** @return the gradient buffer, same shape as the value */
    public FMatrixRMaj grad() {
        return grad;
    }

    /** @return the number of scalars */
    public int size() {
        return value.getNumElements();
    }

    /** Sets the gradient to zero. */
    public void zeroGrad() {
        java.util.Arrays.fill(grad.data, 0, grad.getNumElements(), 0f);
    }

    @Override
    public String toString() {
        return name + " " + value.numRows + "×" + value.numCols;
    }
}
