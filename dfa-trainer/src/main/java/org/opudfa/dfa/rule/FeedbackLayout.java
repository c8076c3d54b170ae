package org.opudfa.dfa.rule;

/**
 * How the hidden blocks of a Direct Feedback Alignment network, of widths {@code d_1 … d_L},
 * share one random projection {@code B·e} of the output error (the options of TinyDFA).
 */
public enum FeedbackLayout {

    /**
     * One projection of size {@code max_l d_l}; every block takes its first {@code d_l} outputs
     * (the "shared random matrix" trick: the blocks' feedback matrices are nested slices of one
     * matrix, so the projector needs only {@code max d_l} outputs).
     */
    SHARED,

    /**
     * One projection of size {@code Σ_l d_l}; block l takes its own consecutive slice, starting
     * after the slices of the blocks below it (independent feedback matrices per block).
     */
    SEPARATE
}
