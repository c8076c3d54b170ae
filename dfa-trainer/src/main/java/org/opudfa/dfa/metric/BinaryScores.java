package org.opudfa.dfa.metric;

import java.util.Arrays;

import org.ejml.data.FMatrixRMaj;

/**
 * The scores and 0/1 labels of every item seen in a pass, kept for the ranking metrics ({@link Auc},
 * {@link AveragePrecision}), which need them all at once. Grows as needed; reused across passes.
 */
final class BinaryScores {

    private double[] scores = new double[1024];
    private boolean[] positive = new boolean[1024];
    private int size;

    void reset() {
        size = 0;
    }

    /** Adds every entry of a rows × 1 score column with the label entry at the same place. */
    void add(FMatrixRMaj scoreColumn, FMatrixRMaj labels, String metric) {
        int n = scoreColumn.getNumElements();
        if (labels.getNumElements() != n) {
            throw new IllegalArgumentException(metric + " needs one label per score, got " + labels.getNumElements()
                    + " labels for " + n + " scores");
        }
        if (size + n > scores.length) {
            int capacity = Math.max(size + n, 2 * scores.length);
            scores = Arrays.copyOf(scores, capacity);
            positive = Arrays.copyOf(positive, capacity);
        }
        for (int i = 0; i < n; i++) {
            float y = labels.data[i];
            if (y != 0f && y != 1f) {
                throw new IllegalArgumentException(metric + " needs labels of 0 or 1, got " + y);
            }
            scores[size] = scoreColumn.data[i];
            positive[size] = y == 1f;
            size++;
        }
    }

    int size() {
        return size;
    }

    /** @return the item indices sorted by descending score (ties in any order) */
    Integer[] byDescendingScore() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        return order;
    }

    double score(int i) {
        return scores[i];
    }

    boolean positive(int i) {
        return positive[i];
    }
}
