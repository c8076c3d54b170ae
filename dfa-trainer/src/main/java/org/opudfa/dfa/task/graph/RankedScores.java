package org.opudfa.dfa.task.graph;

import java.util.Arrays;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;

/**
 * STAND-IN, to be deleted when {@code org.opudfa.dfa.metric.Auc} and
 * {@code org.opudfa.dfa.metric.AveragePrecision} land on the integration branch: the scores and
 * 0/1 labels of binary predictions, collected over a pass, sorted by score, for {@link Auc} and
 * {@link AveragePrecision}.
 */
final class RankedScores {

    private final Feed.Key<FMatrixRMaj> labels;
    private double[] scores = new double[64];
    private boolean[] positive = new boolean[64];
    private int size;

    RankedScores(Feed.Key<FMatrixRMaj> labels) {
        this.labels = labels;
    }

    void reset() {
        size = 0;
    }

    void add(FMatrixRMaj prediction, Feed batch) {
        FMatrixRMaj y = batch.get(labels);
        if (y.getNumElements() != prediction.numRows || prediction.numCols != 1) {
            throw new IllegalArgumentException("a binary ranking metric needs one logit and one 0/1 label per row, got "
                    + prediction.numRows + "×" + prediction.numCols + " predictions and " + y.getNumElements()
                    + " labels");
        }
        int n = prediction.numRows;
        if (size + n > scores.length) {
            int capacity = Math.max(size + n, 2 * scores.length);
            scores = Arrays.copyOf(scores, capacity);
            positive = Arrays.copyOf(positive, capacity);
        }
        for (int i = 0; i < n; i++) {
            float label = y.data[i];
            if (label != 0f && label != 1f) {
                throw new IllegalArgumentException("binary labels must be 0 or 1, got " + label + " in row " + i);
            }
            scores[size] = prediction.data[i];
            positive[size] = label == 1f;
            size++;
        }
    }

    int size() {
        return size;
    }

    /** @return the indices of the collected items, by decreasing score */
    int[] byDecreasingScore() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = order[i];
        }
        return out;
    }

    double score(int i) {
        return scores[i];
    }

    boolean positive(int i) {
        return positive[i];
    }
}
