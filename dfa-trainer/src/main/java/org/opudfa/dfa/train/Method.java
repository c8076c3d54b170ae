package org.opudfa.dfa.train;

/** Which training rule computes the hidden layers' updates. */
public enum Method {
    /** Backpropagation: exact gradients everywhere. */
    BP,
    /** Direct Feedback Alignment: each hidden block learns from a random projection of the error. */
    DFA,
    /** Feedback alignment: gradients flow down through fixed random matrices instead of Wᵀ. */
    FA,
    /** Only the output layer learns; hidden blocks keep their random initialisation. */
    SHALLOW
}
