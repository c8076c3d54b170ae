package org.opudfa.dfa.optim;

/** The optimizer that applies the updates. */
public enum OptimizerKind {
    /** Adam; a weight decay is an L2 penalty added to the gradient (so rescaled by Adam's denominator). */
    ADAM,
    /** Adam with decoupled weight decay. */
    ADAMW,
    /** Stochastic gradient descent with momentum and L2 weight decay. */
    SGD
}
