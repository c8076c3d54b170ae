package org.opudfa.dfa.task.lm;

/** Where DFA's feedback points sit in the transformer language model (the paper's two settings). */
public enum FeedbackPlacement {
    /** One point after each block. */
    MACRO,
    /**
     * Three points per block: after attention and its residual sum and norm, after the
     * feed-forward layer's first layer and activation, and after the block.
     */
    MICRO
}
