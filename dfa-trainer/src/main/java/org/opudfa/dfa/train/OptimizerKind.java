package org.opudfa.dfa.train;

/** The optimizer that applies the updates. */
public enum OptimizerKind {
    /** Adam with L2-free updates. */
    ADAM,
    /** Adam with decoupled weight decay. */
    ADAMW,
    /** Stochastic gradient descent with momentum and L2 weight decay. */
    SGD
}
