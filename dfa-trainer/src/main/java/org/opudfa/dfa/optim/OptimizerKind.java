package org.opudfa.dfa.optim;

/** The optimizer that applies the updates. */
public enum OptimizerKind {
    /** Adam; a weight decay is an L2 penalty added to the gradient (so rescaled by Adam's denominator). */
    ADAM,
    /** Adam with decoupled weight decay. */
    ADAMW,
    /** Stochastic gradient descent with momentum and L2 weight decay. */
    SGD;

    /**
     * @return the state buffers the optimizer keeps per parameter, each as large as the
     *     parameter: Adam's and AdamW's moments {@code m} and {@code v}, SGD's velocity (kept
     *     even without momentum)
     */
    public int buffersPerParameter() {
        return this == SGD ? 1 : 2;
    }
}
