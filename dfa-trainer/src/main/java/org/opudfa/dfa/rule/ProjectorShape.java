package org.opudfa.dfa.rule;

/**
 * The dimensions a {@link org.opudfa.opu.RandomProjector} must have to serve a Direct Feedback
 * Alignment rule: it maps the output error (k values per sample) to the feedback signals.
 *
 * @param inputDimension  n = k, the width of the error point
 * @param outputDimension m = {@code Σ d_l} ({@link FeedbackLayout#SEPARATE}) or {@code max d_l}
 *                        ({@link FeedbackLayout#SHARED})
 */
public record ProjectorShape(int inputDimension, int outputDimension) {
}
