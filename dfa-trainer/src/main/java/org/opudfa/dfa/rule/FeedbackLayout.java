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
    SEPARATE;

    /**
     * @param widths the widths {@code d_l} of the feedback points
     * @return the projection's size: {@code max d_l} for {@link #SHARED}, {@code Σ d_l} for
     *     {@link #SEPARATE} (0 for no feedback point)
     */
    public long projectionSize(int... widths) {
        long size = 0;
        for (int w : widths) {
            size = this == SHARED ? Math.max(size, w) : size + w;
        }
        return size;
    }
}
