package org.opudfa.dfa.task;

/** What computes DFA's random projection of the error. */
public enum ProjectorKind {
    /** Exact float arithmetic with a stored random matrix ({@link org.opudfa.opu.DenseProjector}). */
    EXACT,
    /** The simulated optical processing unit ({@link org.opudfa.opu.OpuProjector}). */
    OPU
}
